#include "manage/common/config.hpp"

#include <gtest/gtest.h>

using namespace manage;

TEST(Config, DefaultsWithoutFileOrEnvironment) {
    auto config = load_config_text("", {});
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config.value().http.listen.to_string(), "127.0.0.1:8080");
    EXPECT_EQ(config.value().ocpp.listen.to_string(), "127.0.0.1:9000");
    EXPECT_EQ(config.value().data.dir, "./data");
    EXPECT_EQ(config.value().ocpp.max_frame_bytes, 65536u);
    EXPECT_EQ(config.value().store_url(), "sqlite://./data/manage.db");
}

TEST(Config, FileValuesApply) {
    auto config = load_config_text(R"(
http:
  listen: 0.0.0.0:8081
ocpp:
  boot_policy: accept
  chargers: [CP-1, CP-2]
log:
  format: json
)",
                                   {});
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config.value().http.listen.host, "0.0.0.0");
    EXPECT_EQ(config.value().http.listen.port, 8081);
    EXPECT_EQ(config.value().ocpp.boot_policy, BootPolicy::accept);
    EXPECT_EQ(config.value().ocpp.chargers, (std::vector<std::string>{"CP-1", "CP-2"}));
    EXPECT_EQ(config.value().log.format, LogFormat::json);
}

TEST(Config, EnvironmentOverridesFile) {
    auto config = load_config_text("http:\n  listen: 127.0.0.1:1\n", {{"MANAGE_HTTP_LISTEN", "127.0.0.1:0"},
                                                                      {"MANAGE_OCPP_LISTEN", "[::1]:9001"},
                                                                      {"MANAGE_DATA_DIR", "/tmp/x"},
                                                                      {"MANAGE_OCPP_CHARGERS", "A, B"},
                                                                      {"UNRELATED", "1"}});
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config.value().http.listen.port, 0);
    EXPECT_EQ(config.value().ocpp.listen.host, "::1");
    EXPECT_EQ(config.value().ocpp.listen.to_string(), "[::1]:9001");
    EXPECT_EQ(config.value().data.dir, "/tmp/x");
    EXPECT_EQ(config.value().ocpp.chargers, (std::vector<std::string>{"A", "B"}));
}

TEST(Config, UnknownKeyNamesItsPath) {
    auto config = load_config_text("http:\n  lisen: 127.0.0.1:1\n", {});
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().field, "http.lisen");
    EXPECT_NE(config.error().message.find("unknown key"), std::string::npos);
}

TEST(Config, UnknownSectionNamesItsPath) {
    auto config = load_config_text("htp:\n  listen: 127.0.0.1:1\n", {});
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().field, "htp.listen");
}

TEST(Config, BadValueNamesKeyAndReason) {
    auto config = load_config_text("ocpp:\n  max_frame_bytes: lots\n", {});
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().field, "ocpp.max_frame_bytes");
    EXPECT_NE(config.error().message.find("whole number"), std::string::npos);

    auto policy = load_config_text("ocpp:\n  boot_policy: maybe\n", {});
    ASSERT_FALSE(policy);
    EXPECT_EQ(policy.error().field, "ocpp.boot_policy");
    EXPECT_NE(policy.error().message.find("accept, pending or reject"), std::string::npos);
}

TEST(Config, OutOfRangeValueIsRejected) {
    auto config = load_config_text("ocpp:\n  ping_interval_s: 0\n", {});
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().field, "ocpp.ping_interval_s");
}

TEST(Config, BadListenAddress) {
    for (const char *bad : {"8080", "host:", "host:99999", "::1:80", "h:8x"}) {
        auto config = load_config_text("", {{"MANAGE_HTTP_LISTEN", bad}});
        ASSERT_FALSE(config) << bad;
        EXPECT_EQ(config.error().field, "MANAGE_HTTP_LISTEN");
    }
}

TEST(Config, UnknownVariableInAKnownSectionIsRejected) {
    auto config = load_config_text("", {{"MANAGE_HTTP_LISTN", "127.0.0.1:1"}});
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().field, "MANAGE_HTTP_LISTN");
}

TEST(Config, InvalidYamlNamesLine) {
    auto config = load_config_text("http:\n  listen: [unclosed\n", {});
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("line"), std::string::npos);
}

TEST(Config, ScalarWhereSectionExpected) {
    auto config = load_config_text("http: 5\n", {});
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().field, "http");
}

TEST(Config, NodeIdIsEmptyByDefaultAndSetFromYamlOrTheEnvironment) {
    EXPECT_EQ(load_config_text("", {}).value().node.id, "");
    EXPECT_EQ(load_config_text("node:\n  id: connect-a\n", {}).value().node.id, "connect-a");
    EXPECT_EQ(load_config_text("node:\n  id: connect-a\n", {{"MANAGE_NODE_ID", "host-2.depot_1"}}).value().node.id,
              "host-2.depot_1");
}

TEST(Config, NodeIdThatCannotNameAQueueIsRefused) {
    for (const std::string &bad : std::vector<std::string>{"", "a|b", "a b", "node*", std::string(65, 'n')}) {
        auto config = load_config_text("", {{"MANAGE_NODE_ID", bad}});
        ASSERT_FALSE(config) << bad;
        EXPECT_EQ(config.error().field, "MANAGE_NODE_ID");
    }
    EXPECT_TRUE(valid_node_id(std::string(64, 'n')));
}

TEST(Config, EveryKeyHasADocumentedVariable) {
    for (const auto &key : config_keys()) {
        EXPECT_FALSE(key.description.empty()) << key.path;
        EXPECT_EQ(key.env.rfind("MANAGE_", 0), 0u) << key.path;
    }
}

#include <fstream>
#include <sstream>

// docs/configuration.md is the users' reference: it must name every key, its variable and default.
TEST(Config, ReferenceDocumentsEveryKey) {
    std::ifstream in(std::string(MANAGE_SOURCE_DIR) + "/docs/configuration.md");
    ASSERT_TRUE(in) << "docs/configuration.md is missing";
    std::stringstream text;
    text << in.rdbuf();
    for (const auto &key : config_keys()) {
        const std::string row = "| `" + key.path + "` | `" + key.env + "` | `" + key.default_text + "` |";
        EXPECT_NE(text.str().find(row), std::string::npos) << "missing or different row for " << key.path;
    }
}
