// Two `manage connect` nodes and one `manage core` on the same PostgreSQL, Valkey and RabbitMQ, each an
// in-process Platform on port 0 with its own node id: a command issued at the core reaches the charger
// on whichever node holds its connection, follows it when it reconnects to the other node after its
// node went away, and a command carrying a stale epoch is refused by the node it is sent to. Listed by
// ctest only while MANAGE_TEST_POSTGRES_URL, MANAGE_TEST_REDIS_URL and MANAGE_TEST_AMQP_URL are set.
#include "command_route.hpp"
#include "http_client.hpp"
#include "manage/common/config.hpp"
#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"
#include "manage/infra/amqp_bus.hpp"
#include "manage/infra/redis_cache.hpp"
#include "manage/platform/platform.hpp"
#include "manage/testing/eventually.hpp"
#include "manage/testing/ocpp_test_client.hpp"
#include "manage/testing/postgres_schema.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace manage;
using namespace manage::testing;
using Json = nlohmann::json;

namespace {

std::string env(const char *name) {
    const char *value = std::getenv(name);
    return value ? value : "";
}

// One process's Platform, run on two threads until stopped.
struct Node {
    std::unique_ptr<platform::Platform> platform;
    std::thread runner;

    void stop() {
        if (!platform)
            return;
        platform->stop();
        if (runner.joinable())
            runner.join();
        platform.reset();
    }
    ~Node() { stop(); }
};

// A charger that records the commands it receives and accepts them.
struct Charger {
    std::unique_ptr<OcppTestClient> client = std::make_unique<OcppTestClient>();
    std::mutex mutex;
    std::vector<std::string> actions;

    void connect_and_boot(std::uint16_t port, const std::string &id) {
        const auto handshake = client->connect(port, id, {"ocpp1.6"});
        ASSERT_TRUE(handshake.upgraded) << handshake.error;
        client->on_call([this](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
            std::lock_guard lock(mutex);
            actions.push_back(call.action);
            if (call.action == "GetConfiguration")
                return ocpp::Json{{"configurationKey", ocpp::Json::array()}};
            return ocpp::Json{{"status", "Accepted"}};
        });
        const auto answer =
            client->call("BootNotification", {{"chargePointVendor", "ACME"}, {"chargePointModel", "Volt"}});
        ASSERT_TRUE(std::holds_alternative<ocpp::CallResult>(answer));
        ASSERT_EQ(std::get<ocpp::CallResult>(answer).payload.value("status", ""), "Accepted");
    }
    long count(const std::string &action) {
        std::lock_guard lock(mutex);
        return std::count(actions.begin(), actions.end(), action);
    }
};

class TwoNodes : public ::testing::Test {
protected:
    void SetUp() override {
        schema_ = std::make_unique<PostgresSchema>(env("MANAGE_TEST_POSTGRES_URL"), "twonode");
        run_ = new_short_id();
        exchange_ = "manage.test." + run_;
        root_ = std::filesystem::temp_directory_path() / ("manage-two-node-" + std::to_string(::getpid()) + "-" + run_);
        auto cache = infra::RedisCache::open(env("MANAGE_TEST_REDIS_URL"));
        ASSERT_TRUE(cache) << cache.error().message;
        cache_ = std::move(cache).value();
        infra::AmqpBusOptions options;
        options.exchange = exchange_;
        auto bus = infra::AmqpBus::open(env("MANAGE_TEST_AMQP_URL"), options);
        ASSERT_TRUE(bus) << bus.error().message;
        bus_ = std::move(bus).value();
        // The core first: it migrates the Store and creates the admin API key.
        start(core_, "core-" + run_, platform::Services{true, false});
        std::ifstream key_file(core_.platform->api_key_file());
        ASSERT_TRUE(std::getline(key_file, api_key_));
        start(a_, node_a(), platform::Services{false, true});
        start(b_, node_b(), platform::Services{false, true});
    }
    void TearDown() override {
        a_.stop();
        b_.stop();
        core_.stop();
        bus_.reset();
        std::filesystem::remove_all(root_);
    }

    std::string node_a() const { return "connect-a-" + run_; }
    std::string node_b() const { return "connect-b-" + run_; }

    void start(Node &node, const std::string &id, platform::Services services) {
        const auto dir = root_ / id;
        const std::string yaml = "ocpp:\n  boot_policy: accept\n  heartbeat_interval_s: 120\n  call_timeout_s: 10\n"
                                 "store:\n  url: " +
                                 schema_->url() + "\ncache:\n  url: " + env("MANAGE_TEST_REDIS_URL") +
                                 "\nbus:\n  url: " + env("MANAGE_TEST_AMQP_URL") + "\n  exchange: " + exchange_ +
                                 "\nnode:\n  id: " + id + "\n";
        auto config = load_config_text(yaml, {{"MANAGE_HTTP_LISTEN", "127.0.0.1:0"},
                                              {"MANAGE_OCPP_LISTEN", "127.0.0.1:0"},
                                              {"MANAGE_DATA_DIR", dir.string()},
                                              {"MANAGE_LOG_LEVEL", "warn"},
                                              {"MANAGE_AUTH_ARGON2_MEMORY_KIB", "64"},
                                              {"MANAGE_AUTH_ARGON2_ITERATIONS", "1"}});
        ASSERT_TRUE(config) << config.error().message;
        init_logging(config.value().log.level, config.value().log.format);
        auto created = platform::Platform::create(config.value(), services);
        ASSERT_TRUE(created) << created.error().message;
        node.platform = std::move(created).value();
        auto started = node.platform->start();
        ASSERT_TRUE(started) << started.error().message;
        node.runner = std::thread([platform = node.platform.get()] { platform->run(2, false); });
    }

    HttpReply command(const std::string &charger_id, const std::string &action, const Json &body) {
        return http_request(core_.platform->http_port(), "POST",
                            "/api/v1/chargers/" + charger_id + "/commands/" + action,
                            {{"Authorization", "Bearer " + api_key_}}, body.dump());
    }

    // Waits until the registry names `node` as the charger's; its claim then.
    std::optional<platform::route::Claim> wait_for_claim(const std::string &charger_id, const std::string &node) {
        std::optional<platform::route::Claim> claim;
        const bool held = eventually([&] {
            const auto value = cache_->get(platform::route::node_key(charger_id));
            claim = value ? platform::route::parse_claim(*value) : std::nullopt;
            return claim && claim->node == node;
        });
        EXPECT_TRUE(held) << charger_id << " never registered on " << node;
        return claim;
    }

    // Publishes a command straight to `node`'s queue and waits for its reply.
    std::optional<platform::route::RoutedReply> send_direct(const std::string &node, const std::string &charger_id,
                                                            std::int64_t epoch) {
        const auto reply_topic = "commands.reply.test-" + run_;
        std::mutex mutex;
        std::optional<platform::route::RoutedReply> reply;
        auto subscription = bus_->subscribe("test.replies." + run_, reply_topic, [&](const infra::Message &message) {
            std::lock_guard lock(mutex);
            reply = platform::route::decode_reply(message.payload);
            return true;
        });
        platform::route::RoutedCommand stale{new_short_id(),
                                             charger_id,
                                             epoch,
                                             "Reset",
                                             {{"type", "Soft"}},
                                             reply_topic,
                                             RealClock().now() + std::chrono::seconds(30)};
        bus_->publish(infra::Message{new_short_id(), platform::route::command_topic(node),
                                     platform::route::encode_command(stale), RealClock().now()});
        eventually([&] {
            std::lock_guard lock(mutex);
            return reply.has_value();
        });
        std::lock_guard lock(mutex);
        return reply;
    }

    std::unique_ptr<PostgresSchema> schema_;
    std::string run_;
    std::string exchange_;
    std::filesystem::path root_;
    std::unique_ptr<infra::RedisCache> cache_;
    std::unique_ptr<infra::AmqpBus> bus_;
    Node core_, a_, b_;
    std::string api_key_;
};

TEST_F(TwoNodes, ACommandAtTheCoreReachesTheChargerOnEitherNodeAndFollowsItWhenItsNodeGoes) {
    const auto id = "CP-" + run_;
    Charger first;
    first.connect_and_boot(a_.platform->ocpp_port(), id);
    const auto on_a = wait_for_claim(id, node_a());
    ASSERT_TRUE(on_a);

    auto reply = command(id, "Reset", {{"type", "Soft"}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body, nullptr, false).value("status", ""), "Accepted") << reply.body;
    EXPECT_EQ(first.count("Reset"), 1) << "the command reached the charger through node A";

    // Node A goes; the charger reconnects to node B, under a newer epoch.
    a_.stop();
    EXPECT_TRUE(first.client->wait_closed(std::chrono::seconds(10)));
    Charger second;
    second.connect_and_boot(b_.platform->ocpp_port(), id);
    const auto on_b = wait_for_claim(id, node_b());
    ASSERT_TRUE(on_b);
    EXPECT_GT(on_b->epoch, on_a->epoch);

    reply = command(id, "Reset", {{"type", "Hard"}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(second.count("Reset"), 1) << "the command reached the charger through node B";

    // A command under the old epoch is refused by node B, which holds the charger under the new one...
    auto stale = send_direct(node_b(), id, on_a->epoch);
    ASSERT_TRUE(stale) << "node B never answered";
    EXPECT_TRUE(stale->not_here);
    // ...and by node A once it is back (it takes its queue again), which no longer holds the charger.
    start(a_, node_a(), platform::Services{false, true});
    stale = send_direct(node_a(), id, on_a->epoch);
    ASSERT_TRUE(stale) << "node A never answered";
    EXPECT_TRUE(stale->not_here);
    EXPECT_EQ(second.count("Reset"), 1) << "no stale command reached the charger";
    EXPECT_EQ(first.count("Reset"), 1);
}

// A charger that left every node: its claim is gone, and the core answers 409 not_connected at once.
TEST_F(TwoNodes, ACommandForAChargerConnectedNowhereIsNotConnected) {
    const auto id = "CP-GONE-" + run_;
    Charger charger;
    charger.connect_and_boot(b_.platform->ocpp_port(), id);
    ASSERT_TRUE(wait_for_claim(id, node_b()));
    charger.client->close();
    EXPECT_TRUE(eventually([&] { return !cache_->get(platform::route::node_key(id)); }))
        << "node B gives its claim up when the connection ends";
    const auto reply = command(id, "Reset", {{"type", "Soft"}});
    EXPECT_EQ(reply.status, 409) << reply.body;
}

} // namespace
