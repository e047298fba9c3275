// OCPP 1.6 Firmware Management profile, charge point → central system: FirmwareStatusNotification
// and DiagnosticsStatusNotification over a real WebSocket, seen through the charger's jobs.
#include "e2e_fixture.hpp"

#include <set>

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp16FirmwareStatusNotification : public PlatformFixture {};
class Ocpp16DiagnosticsStatusNotification : public PlatformFixture {};

} // namespace

TEST_F(Ocpp16FirmwareStatusNotification, EachStatusIsListedAsAFirmwareJob) {
    auto charger = boot("CP-FW");
    EXPECT_EQ(result_of(charger->call("FirmwareStatusNotification", {{"status", "Downloading"}})), Json::object());
    result_of(charger->call("FirmwareStatusNotification", {{"status", "Downloaded"}}));
    result_of(charger->call("FirmwareStatusNotification", {{"status", "Installed"}}));

    const auto items = get_json("/api/v1/chargers/CP-FW/jobs")["items"];
    ASSERT_EQ(items.size(), 3u) << items.dump();
    std::multiset<std::string> statuses;
    for (const auto &item : items) {
        EXPECT_EQ(item["kind"], "Firmware");
        EXPECT_TRUE(item["requestId"].is_null());
        EXPECT_TRUE(item["receivedAt"].is_string());
        statuses.insert(item["status"].get<std::string>());
    }
    EXPECT_EQ(statuses, (std::multiset<std::string>{"Downloaded", "Downloading", "Installed"}));
    EXPECT_EQ(get_json("/api/v1/chargers/CP-FW/jobs?limit=2")["items"].size(), 2u);
}

TEST_F(Ocpp16FirmwareStatusNotification, StatusOutsideTheEnumerationIsRefusedAndNotKept) {
    auto charger = boot("CP-FW-BAD");
    const auto refused = error_of(charger->call("FirmwareStatusNotification", {{"status", "Exploded"}}));
    EXPECT_FALSE(refused.error_code.empty());
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-FW-BAD/jobs")["items"].empty());
}

TEST_F(Ocpp16DiagnosticsStatusNotification, StatusIsListedAsADiagnosticsJob) {
    auto charger = boot("CP-DIAG");
    EXPECT_EQ(result_of(charger->call("DiagnosticsStatusNotification", {{"status", "Uploading"}})), Json::object());
    result_of(charger->call("DiagnosticsStatusNotification", {{"status", "Uploaded"}}));

    const auto items = get_json("/api/v1/chargers/CP-DIAG/jobs")["items"];
    ASSERT_EQ(items.size(), 2u) << items.dump();
    std::multiset<std::string> statuses;
    for (const auto &item : items) {
        EXPECT_EQ(item["kind"], "Diagnostics");
        statuses.insert(item["status"].get<std::string>());
    }
    EXPECT_EQ(statuses, (std::multiset<std::string>{"Uploaded", "Uploading"}));
}
