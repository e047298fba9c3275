// OCPP 1.6 Core profile, charge point → central system, outside transactions: BootNotification,
// Heartbeat, StatusNotification, Authorize and DataTransfer over a real WebSocket to a running
// platform, each checked through its CALLRESULT and through the HTTP API users read.
#include "e2e_fixture.hpp"
#include "manage/common/time_format.hpp"

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp16BootNotification : public PlatformFixture {};
class Ocpp16Heartbeat : public PlatformFixture {};
class Ocpp16StatusNotification : public PlatformFixture {};
class Ocpp16Authorization : public PlatformFixture {};
class Ocpp16DataTransfer : public PlatformFixture {};

TimePoint now_ms() {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// A time from the API or an answer, parsed; a failure (and the epoch) when it is not RFC 3339.
TimePoint time_of(const Json &value) {
    if (!value.is_string()) {
        ADD_FAILURE() << "not a time: " << value.dump();
        return {};
    }
    const auto parsed = parse_time(value.get<std::string>());
    EXPECT_TRUE(parsed) << "not RFC 3339: " << value.dump();
    return parsed.value_or(TimePoint{});
}

Json full_boot_payload(const std::string &firmware) {
    return {{"chargePointVendor", "ACME"},
            {"chargePointModel", "Volt 22"},
            {"chargePointSerialNumber", "SN-1"},
            {"chargeBoxSerialNumber", "BOX-1"},
            {"firmwareVersion", firmware},
            {"iccid", "8931"},
            {"imsi", "2620"},
            {"meterType", "EEM-350"},
            {"meterSerialNumber", "M-1"}};
}

Json status_payload(int connector, const std::string &status, const std::string &error_code,
                    const std::string &timestamp) {
    Json payload{{"connectorId", connector}, {"errorCode", error_code}, {"status", status}};
    if (!timestamp.empty())
        payload["timestamp"] = timestamp;
    return payload;
}

Json authorize_status(OcppTestClient &charger, const std::string &id_tag) {
    const auto answer = result_of(charger.call("Authorize", {{"idTag", id_tag}}));
    return answer.is_object() ? answer.value("idTagInfo", Json::object()) : Json::object();
}

} // namespace

TEST_F(Ocpp16BootNotification, AcceptedBootAnswersIntervalAndRecordsTheChargersIdentity) {
    auto charger = connect("CP-BOOT");
    const auto before = now_ms();
    const auto answer = result_of(charger->call("BootNotification", full_boot_payload("1.4.2")));
    const auto after = now_ms();
    EXPECT_EQ(answer["status"], "Accepted");
    EXPECT_EQ(answer["interval"], 120); // ocpp.heartbeat_interval_s
    const auto current = time_of(answer["currentTime"]);
    EXPECT_GE(current, before - std::chrono::seconds(1));
    EXPECT_LE(current, after + std::chrono::seconds(1));

    const auto c = get_json("/api/v1/chargers/CP-BOOT");
    EXPECT_EQ(c["registrationStatus"], "Accepted");
    EXPECT_EQ(c["vendor"], "ACME");
    EXPECT_EQ(c["model"], "Volt 22");
    EXPECT_EQ(c["serialNumber"], "SN-1");
    EXPECT_EQ(c["firmwareVersion"], "1.4.2");
    EXPECT_EQ(c["ocppVersion"], "1.6");
    EXPECT_EQ(c["connected"], true);
    const auto booted_at = time_of(c["lastBootAt"]);
    EXPECT_GE(booted_at, before);
    EXPECT_LE(booted_at, after);
}

TEST_F(Ocpp16BootNotification, RebootUpdatesTheSameChargerWithTheNewFirmware) {
    auto charger = connect("CP-REBOOT");
    ASSERT_EQ(result_of(charger->call("BootNotification", full_boot_payload("1.0")))["status"], "Accepted");
    const auto first_boot = time_of(get_json("/api/v1/chargers/CP-REBOOT")["lastBootAt"]);
    ASSERT_EQ(result_of(charger->call("BootNotification", full_boot_payload("2.0")))["status"], "Accepted");

    const auto c = get_json("/api/v1/chargers/CP-REBOOT");
    EXPECT_EQ(c["firmwareVersion"], "2.0");
    EXPECT_GE(time_of(c["lastBootAt"]), first_boot);
    int listed = 0;
    const auto chargers = get_json("/api/v1/chargers");
    for (const auto &item : chargers["items"])
        listed += item["id"] == "CP-REBOOT" ? 1 : 0;
    EXPECT_EQ(listed, 1) << chargers.dump();
}

TEST_F(Ocpp16BootNotification, ChargerThatHasNotBootedMayOnlyBoot) {
    auto charger = connect("CP-UNBOOTED");
    const auto refused = error_of(charger->call("Heartbeat", Json::object()));
    EXPECT_EQ(refused.error_code, "SecurityError");
    const auto authorize = error_of(charger->call("Authorize", {{"idTag", "TAG"}}));
    EXPECT_EQ(authorize.error_code, "SecurityError");
    EXPECT_EQ(result_of(charger->call("BootNotification", boot_payload("ACME", "X")))["status"], "Accepted");
    EXPECT_TRUE(result_of(charger->call("Heartbeat", Json::object())).contains("currentTime"));
}

TEST_F(Ocpp16Heartbeat, HeartbeatAnswersTheCurrentTimeAndMovesLastSeen) {
    auto charger = boot("CP-HB");
    const auto before = now_ms();
    const auto answer = result_of(charger->call("Heartbeat", Json::object()));
    const auto after = now_ms();
    const auto current = time_of(answer["currentTime"]);
    EXPECT_GE(current, before - std::chrono::seconds(1));
    EXPECT_LE(current, after + std::chrono::seconds(1));

    const auto c = get_json("/api/v1/chargers/CP-HB");
    EXPECT_EQ(c["connected"], true);
    const auto last_seen = time_of(c["lastSeen"]);
    EXPECT_GE(last_seen, before);
    EXPECT_LE(last_seen, after);
}

TEST_F(Ocpp16StatusNotification, ConnectorStatusIsShownAndOnlyAChangeMovesStatusChangedAt) {
    auto charger = boot("CP-ST");
    EXPECT_EQ(result_of(charger->call("StatusNotification", status_payload(0, "Available", "NoError", ""))),
              Json::object());
    result_of(charger->call("StatusNotification", status_payload(1, "Preparing", "NoError", "2026-11-26T10:00:00Z")));
    result_of(charger->call("StatusNotification", status_payload(1, "Preparing", "NoError", "2026-11-26T10:05:00Z")));

    auto c = get_json("/api/v1/chargers/CP-ST");
    EXPECT_EQ(c["status"], "Available");
    ASSERT_EQ(c["connectors"].size(), 1u);
    EXPECT_EQ(c["connectors"][0]["evseId"], 1);
    EXPECT_EQ(c["connectors"][0]["connectorId"], 1);
    EXPECT_EQ(c["connectors"][0]["status"], "Preparing");
    EXPECT_EQ(c["connectors"][0]["statusChangedAt"], "2026-11-26T10:00:00.000Z");

    result_of(charger->call("StatusNotification", status_payload(1, "Charging", "NoError", "2026-11-26T10:06:00Z")));
    c = get_json("/api/v1/chargers/CP-ST");
    EXPECT_EQ(c["connectors"][0]["status"], "Charging");
    EXPECT_EQ(c["connectors"][0]["statusChangedAt"], "2026-11-26T10:06:00.000Z");
}

TEST_F(Ocpp16StatusNotification, FaultIsShownWithItsErrorCodeInfoAndVendorCode) {
    auto charger = boot("CP-FLT");
    auto faulted = status_payload(2, "Faulted", "GroundFailure", "2026-11-26T11:00:00Z");
    faulted["info"] = "RCD tripped";
    faulted["vendorId"] = "com.acme";
    faulted["vendorErrorCode"] = "E-17";
    result_of(charger->call("StatusNotification", faulted));
    // OCPP 1.6 reports errors with other statuses too.
    result_of(
        charger->call("StatusNotification", status_payload(1, "Charging", "HighTemperature", "2026-11-26T11:01:00Z")));

    const auto c = get_json("/api/v1/chargers/CP-FLT");
    ASSERT_EQ(c["connectors"].size(), 2u);
    EXPECT_EQ(c["connectors"][0]["connectorId"], 1);
    EXPECT_EQ(c["connectors"][0]["status"], "Charging");
    EXPECT_EQ(c["connectors"][0]["errorCode"], "HighTemperature");
    EXPECT_EQ(c["connectors"][1]["connectorId"], 2);
    EXPECT_EQ(c["connectors"][1]["status"], "Faulted");
    EXPECT_EQ(c["connectors"][1]["errorCode"], "GroundFailure");
    EXPECT_EQ(c["connectors"][1]["info"], "RCD tripped");
    EXPECT_EQ(c["connectors"][1]["vendorErrorCode"], "E-17");

    // The fault clears when the charger says so.
    result_of(charger->call("StatusNotification", status_payload(2, "Available", "NoError", "2026-11-26T11:30:00Z")));
    const auto cleared = get_json("/api/v1/chargers/CP-FLT");
    EXPECT_EQ(cleared["connectors"][1]["status"], "Available");
    EXPECT_EQ(cleared["connectors"][1]["errorCode"], "NoError");
}

TEST_F(Ocpp16StatusNotification, StatusForANegativeConnectorIsRefusedAndNotRecorded) {
    auto charger = boot("CP-NEG");
    const auto refused = error_of(charger->call("StatusNotification", status_payload(-1, "Available", "NoError", "")));
    EXPECT_EQ(refused.error_code, "PropertyConstraintViolation");
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-NEG")["connectors"].empty());
}

TEST_F(Ocpp16Authorization, AuthorizeKnownTagIsAcceptedUnknownIsInvalid) {
    put_id_tag("FLEET");
    put_id_tag("TAG-OK", {{"expiryDate", "2099-01-01T00:00:00Z"}, {"parentIdTag", "FLEET"}});
    auto charger = boot("CP-AUTH");

    const auto known = authorize_status(*charger, "TAG-OK");
    EXPECT_EQ(known["status"], "Accepted");
    EXPECT_EQ(known["parentIdTag"], "FLEET");
    EXPECT_EQ(time_of(known["expiryDate"]), parse_time("2099-01-01T00:00:00Z").value());

    const auto unknown = authorize_status(*charger, "NOBODY");
    EXPECT_EQ(unknown["status"], "Invalid");
}

TEST_F(Ocpp16Authorization, AuthorizeAnswersBlockedExpiredAndTheParentsStatus) {
    put_id_tag("TAG-BLOCKED", {{"status", "Blocked"}});
    put_id_tag("TAG-OLD", {{"expiryDate", "2020-01-01T00:00:00Z"}});
    put_id_tag("FLEET-B", {{"status", "Blocked"}});
    put_id_tag("CHILD", {{"parentIdTag", "FLEET-B"}});
    put_id_tag("ORPHAN-CHILD", {{"parentIdTag", "NO-SUCH-PARENT"}});
    auto charger = boot("CP-AUTH2");

    EXPECT_EQ(authorize_status(*charger, "TAG-BLOCKED")["status"], "Blocked");
    EXPECT_EQ(authorize_status(*charger, "TAG-OLD")["status"], "Expired");
    EXPECT_EQ(authorize_status(*charger, "CHILD")["status"], "Blocked");
    EXPECT_EQ(authorize_status(*charger, "ORPHAN-CHILD")["status"], "Accepted"); // an unknown parent is ignored
}

TEST_F(Ocpp16Authorization, TagChangedThroughTheApiAppliesToTheNextAuthorize) {
    put_id_tag("TAG-X");
    auto charger = boot("CP-AUTH3");
    EXPECT_EQ(authorize_status(*charger, "TAG-X")["status"], "Accepted");
    put_id_tag("TAG-X", {{"status", "Blocked"}});
    EXPECT_EQ(authorize_status(*charger, "TAG-X")["status"], "Blocked");
    EXPECT_EQ(del("/api/v1/id-tags/TAG-X").status, 204);
    EXPECT_EQ(authorize_status(*charger, "TAG-X")["status"], "Invalid");
}

TEST_F(Ocpp16Authorization, EmptyIdTagIsRefused) {
    auto charger = boot("CP-AUTH4");
    EXPECT_EQ(error_of(charger->call("Authorize", {{"idTag", ""}})).error_code, "PropertyConstraintViolation");
}

TEST_F(Ocpp16DataTransfer, VendorDataIsRecordedAndAnsweredUnknownVendorId) {
    auto charger = boot("CP-DT");
    const auto answer = result_of(
        charger->call("DataTransfer", {{"vendorId", "com.acme"}, {"messageId", "Ping"}, {"data", R"({"n":1})"}}));
    EXPECT_EQ(answer["status"], "UnknownVendorId");

    const auto items = get_json("/api/v1/chargers/CP-DT/data-transfers")["items"];
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]["vendorId"], "com.acme");
    EXPECT_EQ(items[0]["messageId"], "Ping");
    EXPECT_EQ(items[0]["data"], R"({"n":1})");
    EXPECT_EQ(items[0]["status"], "UnknownVendorId");
    EXPECT_TRUE(items[0]["receivedAt"].is_string());
    EXPECT_FALSE(items[0]["id"].get<std::string>().empty());
}
