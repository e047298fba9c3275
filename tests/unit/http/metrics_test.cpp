#include "manage/infra/metrics.hpp"
#include "unit/http/exposition_parser.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <thread>
#include <vector>

namespace manage::infra {
namespace {

using manage::test::parse_exposition;

TEST(Metrics, CountsByLabelSet) {
    Metrics metrics;
    metrics.describe("manage_jobs_total", "counter", "Jobs run.");
    metrics.increment("manage_jobs_total", {{"kind", "a"}});
    metrics.increment("manage_jobs_total", {{"kind", "a"}}, 2);
    metrics.increment("manage_jobs_total", {{"kind", "b"}});
    EXPECT_EQ(metrics.value("manage_jobs_total", {{"kind", "a"}}), 3);
    EXPECT_EQ(metrics.value("manage_jobs_total", {{"kind", "b"}}), 1);
    EXPECT_EQ(metrics.value("manage_jobs_total", {{"kind", "c"}}), 0);
    EXPECT_EQ(metrics.value("manage_absent_total"), 0);
}

TEST(Metrics, SetsAndAddsGauges) {
    Metrics metrics;
    metrics.set_gauge("manage_connections", {}, 5);
    metrics.add_gauge("manage_connections", {}, -2);
    metrics.increment("manage_connections");
    EXPECT_EQ(metrics.value("manage_connections"), 4);
}

TEST(Metrics, WritesHelpAndTypeBeforeSamples) {
    Metrics metrics;
    metrics.describe("manage_jobs_total", "counter", "Jobs run.");
    metrics.increment("manage_jobs_total", {{"kind", "a"}, {"queue", "q1"}});
    metrics.set_gauge("manage_up", {}, 1);
    EXPECT_EQ(metrics.exposition(), "# HELP manage_jobs_total Jobs run.\n"
                                    "# TYPE manage_jobs_total counter\n"
                                    "manage_jobs_total{kind=\"a\",queue=\"q1\"} 1\n"
                                    "# TYPE manage_up gauge\n"
                                    "manage_up 1\n");
}

TEST(Metrics, EscapesLabelValuesAndHelp) {
    Metrics metrics;
    metrics.describe("manage_odd", "gauge", "Back\\slash and\nnewline.");
    const std::string odd = "a\\b\"c\nd";
    metrics.set_gauge("manage_odd", {{"v", odd}}, 1.5);
    const auto text = metrics.exposition();
    EXPECT_NE(text.find(R"(manage_odd{v="a\\b\"c\nd"} 1.5)"), std::string::npos) << text;
    EXPECT_NE(text.find(R"(# HELP manage_odd Back\\slash and\nnewline.)"), std::string::npos) << text;
    const auto parsed = parse_exposition(text);
    EXPECT_EQ(parsed.value("manage_odd", {{"v", odd}}), 1.5);
}

TEST(Metrics, WritesCumulativeHistogramBuckets) {
    Metrics metrics;
    metrics.describe_histogram("manage_size_bytes", "Sizes.", {100, 10, 1000});
    for (const double v : {5.0, 10.0, 50.0, 500.0, 5000.0})
        metrics.observe("manage_size_bytes", {{"kind", "x"}}, v);
    const auto parsed = parse_exposition(metrics.exposition());
    EXPECT_EQ(parsed.types.at("manage_size_bytes"), "histogram");
    EXPECT_EQ(parsed.value("manage_size_bytes_bucket", {{"kind", "x"}, {"le", "10"}}), 2); // le is inclusive
    EXPECT_EQ(parsed.value("manage_size_bytes_bucket", {{"kind", "x"}, {"le", "100"}}), 3);
    EXPECT_EQ(parsed.value("manage_size_bytes_bucket", {{"kind", "x"}, {"le", "1000"}}), 4);
    EXPECT_EQ(parsed.value("manage_size_bytes_bucket", {{"kind", "x"}, {"le", "+Inf"}}), 5);
    EXPECT_EQ(parsed.value("manage_size_bytes_sum", {{"kind", "x"}}), 5565);
    EXPECT_EQ(parsed.value("manage_size_bytes_count", {{"kind", "x"}}), 5);
    EXPECT_EQ(metrics.value("manage_size_bytes", {{"kind", "x"}}), 5);
}

TEST(Metrics, UsesLatencyBucketsByDefault) {
    Metrics metrics;
    metrics.observe("manage_wait_seconds", {}, 0.003);
    const auto parsed = parse_exposition(metrics.exposition());
    EXPECT_EQ(parsed.value("manage_wait_seconds_bucket", {{"le", "0.005"}}), 1);
    EXPECT_EQ(parsed.value("manage_wait_seconds_bucket", {{"le", "10"}}), 1);
    EXPECT_EQ(parsed.samples.size(), 11u + 1 + 2);
}

TEST(Metrics, WritesSpecialValues) {
    Metrics metrics;
    metrics.set_gauge("manage_g", {{"k", "inf"}}, std::numeric_limits<double>::infinity());
    metrics.set_gauge("manage_g", {{"k", "big"}}, 1e21);
    metrics.set_gauge("manage_g", {{"k", "small"}}, -0.25);
    const auto text = metrics.exposition();
    EXPECT_NE(text.find("manage_g{k=\"inf\"} +Inf\n"), std::string::npos) << text;
    const auto parsed = parse_exposition(text);
    EXPECT_EQ(parsed.value("manage_g", {{"k", "big"}}), 1e21);
    EXPECT_EQ(parsed.value("manage_g", {{"k", "small"}}), -0.25);
}

TEST(Metrics, IsThreadSafe) {
    Metrics metrics;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&metrics, t] {
            for (int i = 0; i < 1000; ++i) {
                metrics.increment("manage_hits_total", {{"thread", std::to_string(t % 2)}});
                metrics.observe("manage_latency_seconds", {}, 0.01);
                if (i % 100 == 0)
                    (void)metrics.exposition();
            }
        });
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(metrics.value("manage_hits_total", {{"thread", "0"}}), 2000);
    EXPECT_EQ(metrics.value("manage_hits_total", {{"thread", "1"}}), 2000);
    EXPECT_EQ(metrics.value("manage_latency_seconds"), 4000);
}

} // namespace
} // namespace manage::infra
