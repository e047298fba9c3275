// OCPP 2.0.1 NotifyReport (B07 Get Base Report, B08 Get Custom Report): what reaches core, OCPP's
// defaults filled in, and the CALLERRORs for payloads that break the schema or the rules beyond it.
#include "dispatcher_fixture.hpp"

#include <functional>
#include <string>

namespace manage::connect::testing {
namespace {

constexpr auto kV201 = ocpp::Version::v201;

ocpp::Json report_data(ocpp::Json component, ocpp::Json variable, ocpp::Json attributes) {
    return {{"component", std::move(component)},
            {"variable", std::move(variable)},
            {"variableAttribute", std::move(attributes)}};
}

// A NotifyReport part holding one station-level variable.
ocpp::Json notify_report(ocpp::Json data = ocpp::Json::array({report_data({{"name", "OCPPCommCtrlr"}},
                                                                          {{"name", "HeartbeatInterval"}},
                                                                          ocpp::Json::array({{{"value", "300"}}}))})) {
    return {{"requestId", 42}, {"generatedAt", "2026-11-26T09:59:00Z"}, {"seqNo", 0}, {"reportData", std::move(data)}};
}

// With one entry changed by `change`.
ocpp::Json notify_report_with(const std::function<void(ocpp::Json &entry)> &change) {
    auto payload = notify_report();
    change(payload["reportData"][0]);
    return payload;
}

TEST_F(DispatcherTest, B07_NotifyReportReachesCoreWithEveryField) {
    auto entry =
        report_data({{"name", "EVSE"}, {"instance", "main"}, {"evse", {{"id", 2}, {"connectorId", 1}}}},
                    {{"name", "Power"}, {"instance", "L1"}},
                    ocpp::Json::array({{{"type", "Actual"},
                                        {"value", "7400"},
                                        {"mutability", "ReadOnly"},
                                        {"persistent", true},
                                        {"constant", true}},
                                       {{"type", "MaxSet"}, {"value", "22000"}, {"mutability", "ReadWrite"}}}));
    entry["variableCharacteristics"] = {{"unit", "W"},         {"dataType", "decimal"}, {"minLimit", 0},
                                        {"maxLimit", 22000.5}, {"valuesList", "a,b"},   {"supportsMonitoring", true}};
    const auto answer = result(kV201, "NotifyReport",
                               {{"requestId", 7},
                                {"generatedAt", "2026-11-26T09:59:00Z"},
                                {"seqNo", 3},
                                {"tbc", true},
                                {"reportData", ocpp::Json::array({entry})}});
    EXPECT_EQ(answer, ocpp::Json::object());
    const auto &part = core_.last_device_report;
    EXPECT_EQ(part.request_id, 7);
    EXPECT_EQ(part.seq_no, 3);
    EXPECT_TRUE(part.tbc);
    EXPECT_EQ(part.generated_at, *parse_time("2026-11-26T09:59:00Z"));
    ASSERT_EQ(part.entries.size(), 1u);
    const auto &e = part.entries[0];
    EXPECT_EQ(e.component, "EVSE");
    EXPECT_EQ(e.component_instance, "main");
    EXPECT_EQ(e.evse_id, 2);
    EXPECT_EQ(e.connector_id, 1);
    EXPECT_EQ(e.variable, "Power");
    EXPECT_EQ(e.variable_instance, "L1");
    ASSERT_EQ(e.attributes.size(), 2u);
    EXPECT_EQ(e.attributes[0].type, "Actual");
    EXPECT_EQ(e.attributes[0].value, "7400");
    EXPECT_EQ(e.attributes[0].mutability, "ReadOnly");
    EXPECT_TRUE(e.attributes[0].persistent);
    EXPECT_TRUE(e.attributes[0].constant);
    EXPECT_EQ(e.attributes[1].type, "MaxSet");
    ASSERT_TRUE(e.characteristics);
    EXPECT_EQ(e.characteristics->data_type, "decimal");
    EXPECT_EQ(e.characteristics->unit, "W");
    EXPECT_EQ(e.characteristics->min_limit, 0.0);
    EXPECT_EQ(e.characteristics->max_limit, 22000.5);
    EXPECT_EQ(e.characteristics->values_list, "a,b");
    EXPECT_TRUE(e.characteristics->supports_monitoring);
}

// What the station leaves out has OCPP's defaults: type Actual, mutability ReadWrite, persistent and
// constant false, tbc false.
TEST_F(DispatcherTest, B07_NotifyReportFillsOcppDefaults) {
    result(kV201, "NotifyReport", notify_report());
    const auto &part = core_.last_device_report;
    EXPECT_EQ(part.request_id, 42);
    EXPECT_FALSE(part.tbc);
    ASSERT_EQ(part.entries.size(), 1u);
    const auto &e = part.entries[0];
    EXPECT_EQ(e.component, "OCPPCommCtrlr");
    EXPECT_TRUE(e.component_instance.empty());
    EXPECT_FALSE(e.evse_id);
    EXPECT_FALSE(e.connector_id);
    EXPECT_FALSE(e.characteristics);
    ASSERT_EQ(e.attributes.size(), 1u);
    EXPECT_EQ(e.attributes[0].type, "Actual");
    EXPECT_EQ(e.attributes[0].value, "300");
    EXPECT_EQ(e.attributes[0].mutability, "ReadWrite");
    EXPECT_FALSE(e.attributes[0].persistent);
    EXPECT_FALSE(e.attributes[0].constant);
}

// A WriteOnly attribute has no value (the schema's note on VariableAttributeType.value); other
// attributes without one are passed on too rather than losing the whole report.
TEST_F(DispatcherTest, B07_NotifyReportKeepsAttributesWithoutValue) {
    result(kV201, "NotifyReport",
           notify_report(ocpp::Json::array({report_data({{"name", "SecurityCtrlr"}}, {{"name", "BasicAuthPassword"}},
                                                        ocpp::Json::array({{{"mutability", "WriteOnly"}}}))})));
    ASSERT_EQ(core_.last_device_report.entries.size(), 1u);
    const auto &attribute = core_.last_device_report.entries[0].attributes.at(0);
    EXPECT_EQ(attribute.value, std::nullopt);
    EXPECT_EQ(attribute.mutability, "WriteOnly");
}

// B08: a custom report may find nothing to report; the (last) part then has no reportData.
TEST_F(DispatcherTest, B08_NotifyReportWithoutReportDataIsAnEmptyPart) {
    result(kV201, "NotifyReport", {{"requestId", 9}, {"generatedAt", "2026-11-26T09:59:00Z"}, {"seqNo", 0}});
    EXPECT_EQ(core_.last_device_report.request_id, 9);
    EXPECT_TRUE(core_.last_device_report.entries.empty());
    EXPECT_EQ(core_.calls.back(), "device_report DEPOT-NORTH-BAY-07-CHARGER-0001");
}

TEST_F(DispatcherTest, B07_NotifyReportMalformedIsRefusedWithTheViolation) {
    auto without = [](const char *member) {
        auto payload = notify_report();
        payload.erase(member);
        return payload;
    };
    auto with = [](const char *member, ocpp::Json value) {
        auto payload = notify_report();
        payload[member] = std::move(value);
        return payload;
    };
    const std::string long_name(51, 'N');
    expect_refused(
        kV201, "NotifyReport",
        {
            // The schema (answered before the handler).
            {"not an object", ocpp::Json::array(), "FormatViolation", ""},
            {"no requestId", without("requestId"), "OccurrenceConstraintViolation", ""},
            {"no generatedAt", without("generatedAt"), "OccurrenceConstraintViolation", ""},
            {"no seqNo", without("seqNo"), "OccurrenceConstraintViolation", ""},
            {"seqNo a string", with("seqNo", "0"), "TypeConstraintViolation", "/seqNo"},
            {"requestId beyond 32 bits", with("requestId", 4294967296LL), "TypeConstraintViolation", "/requestId"},
            {"generatedAt not a date-time", with("generatedAt", "yesterday"), "PropertyConstraintViolation",
             "/generatedAt"},
            {"tbc not a boolean", with("tbc", "yes"), "TypeConstraintViolation", "/tbc"},
            {"reportData empty", with("reportData", ocpp::Json::array()), "OccurrenceConstraintViolation",
             "/reportData"},
            {"an unknown member", with("extra", 1), "FormatViolation", "/extra"},
            {"no variable", notify_report_with([](auto &e) { e.erase("variable"); }), "OccurrenceConstraintViolation",
             "/reportData/0"},
            {"no variableAttribute", notify_report_with([](auto &e) { e.erase("variableAttribute"); }),
             "OccurrenceConstraintViolation", "/reportData/0"},
            {"variableAttribute empty",
             notify_report_with([](auto &e) { e["variableAttribute"] = ocpp::Json::array(); }),
             "OccurrenceConstraintViolation", "/reportData/0/variableAttribute"},
            {"five attributes", notify_report_with([](auto &e) {
                 e["variableAttribute"] = ocpp::Json::array();
                 for (const char *type : {"Actual", "Target", "MinSet", "MaxSet", "Actual"})
                     e["variableAttribute"].push_back({{"type", type}, {"value", "1"}});
             }),
             "OccurrenceConstraintViolation", "/reportData/0/variableAttribute"},
            {"an unknown attribute type",
             notify_report_with([](auto &e) { e["variableAttribute"][0]["type"] = "Average"; }),
             "PropertyConstraintViolation", "/reportData/0/variableAttribute/0/type"},
            {"an unknown mutability",
             notify_report_with([](auto &e) { e["variableAttribute"][0]["mutability"] = "ReadMostly"; }),
             "PropertyConstraintViolation", "/reportData/0/variableAttribute/0/mutability"},
            {"a value over 2500 characters",
             notify_report_with([](auto &e) { e["variableAttribute"][0]["value"] = std::string(2501, 'v'); }),
             "PropertyConstraintViolation", "/reportData/0/variableAttribute/0/value"},
            {"a component name over 50 characters",
             notify_report_with([&](auto &e) { e["component"]["name"] = long_name; }), "PropertyConstraintViolation",
             "/reportData/0/component/name"},
            {"an EVSE without id", notify_report_with([](auto &e) {
                 e["component"]["evse"] = {{"connectorId", 1}};
             }),
             "OccurrenceConstraintViolation", "/reportData/0/component/evse"},
            {"characteristics without supportsMonitoring", notify_report_with([](auto &e) {
                 e["variableCharacteristics"] = {{"dataType", "integer"}};
             }),
             "OccurrenceConstraintViolation", "/reportData/0/variableCharacteristics"},
            {"an unknown dataType", notify_report_with([](auto &e) {
                 e["variableCharacteristics"] = {{"dataType", "float"}, {"supportsMonitoring", false}};
             }),
             "PropertyConstraintViolation", "/reportData/0/variableCharacteristics/dataType"},
            // The rules beyond the schema (the handler's).
            {"a negative seqNo", with("seqNo", -1), "PropertyConstraintViolation", "/seqNo"},
            {"EVSE id 0", notify_report_with([](auto &e) {
                 e["component"]["evse"] = {{"id", 0}};
             }),
             "PropertyConstraintViolation", "/reportData/0/component/evse/id"},
            {"connector 0", notify_report_with([](auto &e) {
                 e["component"]["evse"] = {{"id", 1}, {"connectorId", 0}};
             }),
             "PropertyConstraintViolation", "/reportData/0/component/evse/connectorId"},
            {"Actual twice, the second by default", notify_report_with([](auto &e) {
                 e["variableAttribute"] = {{{"type", "Actual"}, {"value", "1"}}, {{"value", "2"}}};
             }),
             "OccurrenceConstraintViolation", "/reportData/0/variableAttribute/1"},
            {"Target twice", notify_report_with([](auto &e) {
                 e["variableAttribute"] = {{{"type", "Target"}, {"value", "1"}}, {{"type", "Target"}, {"value", "2"}}};
             }),
             "OccurrenceConstraintViolation", "/reportData/0/variableAttribute/1/type"},
        });
    // The rules apply to every entry, not only the first.
    auto payload = notify_report();
    payload["reportData"].push_back(report_data({{"name", "EVSE"}, {"evse", {{"id", -3}}}}, {{"name", "Power"}},
                                                ocpp::Json::array({{{"value", "0"}}})));
    expect_refused(
        kV201, "NotifyReport",
        {{"the second entry's EVSE id", payload, "PropertyConstraintViolation", "/reportData/1/component/evse/id"}});
}

} // namespace
} // namespace manage::connect::testing
