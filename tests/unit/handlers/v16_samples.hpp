#pragma once
// A valid OCPP 1.6 request of every charger-initiated action, for tests that start from one and break it.
#include "manage/ocpp/rpc.hpp"

#include <string>

namespace manage::connect::testing {

inline constexpr const char *kCsr = "-----BEGIN CERTIFICATE REQUEST-----\n"
                                    "MIIBMzCB2gIBADBMMQswCQYDVQQGEwJERTEQMA4GA1UECgwHTWFuYWdlMQ==\n"
                                    "-----END CERTIFICATE REQUEST-----\n";

inline ocpp::Json v16_request(const std::string &action) {
    using Json = ocpp::Json;
    if (action == "Authorize")
        return Json{{"idTag", "TAG-0001"}};
    if (action == "BootNotification")
        return Json{{"chargePointVendor", "ACME"}, {"chargePointModel", "Volt 22"}};
    if (action == "DataTransfer")
        return Json{{"vendorId", "com.acme"}, {"messageId", "Tariff"}, {"data", "{\"eur\":0.39}"}};
    if (action == "DiagnosticsStatusNotification")
        return Json{{"status", "Uploaded"}};
    if (action == "FirmwareStatusNotification")
        return Json{{"status", "Installed"}};
    if (action == "Heartbeat")
        return Json::object();
    if (action == "LogStatusNotification")
        return Json{{"status", "Uploading"}, {"requestId", 7}};
    if (action == "MeterValues")
        return Json{{"connectorId", 1},
                    {"transactionId", 4711},
                    {"meterValue", Json::array({{{"timestamp", "2026-11-26T10:05:00Z"},
                                                 {"sampledValue", Json::array({{{"value", "1250.5"}}})}}})}};
    if (action == "SecurityEventNotification")
        return Json{{"type", "FirmwareUpdated"}, {"timestamp", "2026-11-26T09:00:00Z"}};
    if (action == "SignCertificate")
        return Json{{"csr", kCsr}};
    if (action == "SignedFirmwareStatusNotification")
        return Json{{"status", "Downloading"}, {"requestId", 3}};
    if (action == "StartTransaction")
        return Json{
            {"connectorId", 1}, {"idTag", "TAG-0001"}, {"meterStart", 1000}, {"timestamp", "2026-11-26T10:00:00Z"}};
    if (action == "StatusNotification")
        return Json{{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}};
    if (action == "StopTransaction")
        return Json{{"transactionId", 4711}, {"meterStop", 9000}, {"timestamp", "2026-11-26T11:00:00Z"}};
    return Json();
}

// A copy of `json` with `pointer` set to `value`, or removed when `value` is discarded.
inline ocpp::Json with(ocpp::Json json, const std::string &pointer, ocpp::Json value) {
    json[ocpp::Json::json_pointer(pointer)] = std::move(value);
    return json;
}
inline ocpp::Json without(ocpp::Json json, const std::string &pointer) {
    const ocpp::Json::json_pointer at(pointer);
    json[at.parent_pointer()].erase(at.back());
    return json;
}

} // namespace manage::connect::testing
