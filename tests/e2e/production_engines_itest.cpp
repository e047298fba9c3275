// The whole platform on the production engines: PostgreSQL for the Store, Valkey (redis-server) for
// the Cache, RabbitMQ for the Bus, as README's "Production engines on one machine" runs it. Listed by
// ctest only while MANAGE_TEST_POSTGRES_URL, MANAGE_TEST_REDIS_URL and MANAGE_TEST_AMQP_URL are set.
#include "e2e_fixture.hpp"

#include "manage/common/ids.hpp"
#include "manage/infra/amqp_bus.hpp"
#include "manage/testing/eventually.hpp"
#include "manage/testing/postgres_schema.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>

using namespace manage;
using namespace manage::testing;

namespace {

std::string env(const char *name) {
    const char *value = std::getenv(name);
    return value ? value : "";
}

class ProductionEngines : public PlatformFixture {
protected:
    void SetUp() override {
        schema_ = std::make_unique<PostgresSchema>(env("MANAGE_TEST_POSTGRES_URL"), "platform");
        exchange_ = "manage.test." + new_short_id();
        PlatformFixture::SetUp();
    }
    void TearDown() override {
        PlatformFixture::TearDown();
        schema_.reset();
    }
    std::string config_yaml() const override {
        return "ocpp:\n  boot_policy: accept\n  heartbeat_interval_s: 120\nstore:\n  url: " + schema_->url() +
               "\ncache:\n  url: " + env("MANAGE_TEST_REDIS_URL") + "\nbus:\n  url: " + env("MANAGE_TEST_AMQP_URL") +
               "\n  exchange: " + exchange_ + "\n";
    }

    std::unique_ptr<PostgresSchema> schema_;
    std::string exchange_;
};

TEST_F(ProductionEngines, AChargerBootsAndIsListedConnectedWithItsEventsOnRabbitMq) {
    infra::AmqpBusOptions options;
    options.exchange = exchange_;
    auto bus = infra::AmqpBus::open(env("MANAGE_TEST_AMQP_URL"), options);
    ASSERT_TRUE(bus) << bus.error().message;
    std::mutex mutex;
    std::vector<std::string> topics;
    const auto queue = "platform-itest-" + new_short_id();
    auto subscription = bus.value()->subscribe(queue, "charger.#", [&](const infra::Message &message) {
        std::lock_guard lock(mutex);
        topics.push_back(message.topic);
        return true;
    });

    const auto id = "CP-" + new_short_id();
    auto charger = boot(id);
    const auto listed = wait_for("/api/v1/chargers/" + id, [](const Json &body) {
        return body.contains("connected") && body["connected"] == true;
    });
    EXPECT_EQ(listed["vendor"], "ACME") << listed.dump();
    EXPECT_TRUE(eventually([&] {
        std::lock_guard lock(mutex);
        return std::find(topics.begin(), topics.end(), "charger.booted") != topics.end();
    })) << "the charger.booted event reaches a RabbitMQ consumer";
    subscription.reset(); // the queue stays on the test broker, which engines.sh throws away
}

TEST_F(ProductionEngines, SessionsPageAndExportOnPostgresql) {
    auto charger = boot("CP-" + new_short_id());
    for (int i = 0; i < 3; ++i) {
        const auto started = "2026-11-27T0" + std::to_string(i + 1) + ":00:00Z";
        const auto id = result_of(charger->call(
            "StartTransaction",
            {{"connectorId", 1}, {"idTag", "CARD"}, {"meterStart", 0}, {"timestamp", started}}))["transactionId"];
        result_of(charger->call("StopTransaction",
                                {{"transactionId", id}, {"meterStop", 1000 * (i + 1)}, {"timestamp", started}}));
    }
    std::vector<long long> energies;
    std::string cursor;
    for (int page = 0; page < 5; ++page) {
        const auto body = get_json("/api/v1/sessions?status=stopped&idTag=CARD&sort=-energyWh&limit=1" +
                                   (cursor.empty() ? std::string() : "&cursor=" + cursor));
        for (const auto &item : body["items"])
            energies.push_back(item["energyWh"].get<long long>());
        if (body["nextCursor"].is_null())
            break;
        cursor = body["nextCursor"].get<std::string>();
    }
    EXPECT_EQ(energies, (std::vector<long long>{3000, 2000, 1000}));
    const auto csv = get("/api/v1/sessions.csv?from=2026-11-27T02:00:00Z");
    EXPECT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3) << csv.body;
}

TEST_F(ProductionEngines, SignInWorksWithSessionsInPostgresql) {
    std::ifstream in(platform_->admin_password_file());
    std::string password;
    std::getline(in, password);
    const auto reply = anonymous("POST", "/api/v1/auth/sign-in",
                                 Json{{"email", platform::kFirstAdminEmail}, {"password", password}}.dump());
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(get("/readyz").status, 200);
}

} // namespace
