// The OCPP 2.0.1 device model over SQLite: NotifyReport assembled across its parts (B07, B08), in
// order, out of order, resent, never complete; what a report and the command results change.
#include "core_fixture.hpp"
#include "event_log.hpp"

#include "manage/core/device_model.hpp"
#include "manage/core/sql_device_model_repository.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

using namespace manage;
using namespace std::chrono_literals;
using core::DeviceReportPart;
using core::DeviceVariable;
using core::ReportPartOutcome;
using Kind = core::ReportPartOutcome::Kind;

namespace {

DeviceVariable reported(const std::string &component, const std::string &variable, const std::string &value,
                        std::optional<int> evse = std::nullopt) {
    DeviceVariable v;
    v.component = {component, "", evse, std::nullopt};
    v.variable = {variable, ""};
    v.attributes.push_back({"Actual", value, "ReadWrite", false, false});
    return v;
}

DeviceReportPart part(int request_id, int seq_no, bool tbc, std::vector<DeviceVariable> entries) {
    return DeviceReportPart{request_id, seq_no, tbc,
                            TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}} +
                                std::chrono::seconds(seq_no),
                            std::move(entries)};
}

// "Component.Variable=value" for each Actual attribute, in the model's order.
std::vector<std::string> actual_values(const std::vector<DeviceVariable> &variables) {
    std::vector<std::string> out;
    for (const auto &v : variables)
        for (const auto &a : v.attributes)
            if (a.type == "Actual")
                out.push_back(v.component.name + "." + v.variable.name + "=" + a.value.value_or("<none>"));
    return out;
}

} // namespace

class DeviceModelTest : public manage::testing::CoreFixture {
protected:
    void SetUp() override {
        CoreFixture::SetUp();
        repository_->save_registration("CS-1", core::Registration::Accepted, clock_.now());
        device_repository_ = std::make_unique<core::SqlDeviceModelRepository>(*database_);
        model_ = std::make_unique<core::DeviceModel>(*device_repository_, events_, clock_);
    }
    void TearDown() override {
        model_.reset();
        device_repository_.reset();
        CoreFixture::TearDown();
    }

    ReportPartOutcome::Kind add(const DeviceReportPart &p) { return model_->on_report_part("CS-1", p).kind; }
    std::vector<std::string> values() { return actual_values(model_->variables("CS-1")); }
    int kept_parts() {
        int count = 0;
        database_->with_session(
            [&](soci::session &sql) { sql << "SELECT COUNT(*) FROM device_report_parts", soci::into(count); });
        return count;
    }

    std::unique_ptr<core::SqlDeviceModelRepository> device_repository_;
    std::unique_ptr<core::DeviceModel> model_;
};

TEST(CompleteReportLength, NeedsTheLastPartAndEveryOneBefore) {
    using core::complete_report_length;
    EXPECT_EQ(complete_report_length({}), std::nullopt);
    EXPECT_EQ(complete_report_length({{0, false}}), 1);
    EXPECT_EQ(complete_report_length({{0, true}}), std::nullopt);
    EXPECT_EQ(complete_report_length({{2, false}, {0, true}, {1, true}}), 3);
    EXPECT_EQ(complete_report_length({{2, false}, {0, true}}), std::nullopt);
    EXPECT_EQ(complete_report_length({{0, true}, {1, true}, {3, true}}), std::nullopt);
    EXPECT_EQ(complete_report_length({{1, false}, {0, true}, {5, true}}), 2); // a stray later part does not matter
}

TEST_F(DeviceModelTest, B07_NotifyReportAssembledAcrossPartsInOrder) {
    manage::testing::EventLog events(bus_, "device_model.#");
    EXPECT_EQ(add(part(7, 0, true, {reported("OCPPCommCtrlr", "HeartbeatInterval", "300")})), Kind::Waiting);
    EXPECT_EQ(add(part(7, 1, true, {reported("SampledDataCtrlr", "TxUpdatedInterval", "60")})), Kind::Waiting);
    EXPECT_TRUE(values().empty()) << "nothing is applied before the report is complete";
    const auto last = model_->on_report_part(
        "CS-1", part(7, 2, false, {reported("EVSE", "Power", "22000", 1), reported("EVSE", "Power", "11000", 2)}));
    EXPECT_EQ(last.kind, Kind::Applied);
    EXPECT_EQ(last.parts, 3);
    EXPECT_EQ(last.variables, 4u);
    EXPECT_THAT(values(),
                ::testing::ElementsAre("EVSE.Power=22000", "EVSE.Power=11000", "OCPPCommCtrlr.HeartbeatInterval=300",
                                       "SampledDataCtrlr.TxUpdatedInterval=60"));
    const auto variables = model_->variables("CS-1");
    EXPECT_EQ(variables[0].component.evse_id, 1);
    EXPECT_EQ(variables[1].component.evse_id, 2);
    EXPECT_EQ(variables[0].updated_at, clock_.now());

    const auto published = events.wait_for("device_model.reported", 1);
    ASSERT_EQ(published.size(), 1u);
    const auto payload = nlohmann::json::parse(published[0].payload);
    EXPECT_EQ(payload, (nlohmann::json{{"chargerId", "CS-1"},
                                       {"requestId", 7},
                                       {"parts", 3},
                                       {"variables", 4},
                                       {"generatedAt", "2026-11-26T00:00:00.000Z"}}));
}

TEST_F(DeviceModelTest, B07_NotifyReportAssembledOutOfOrder) {
    EXPECT_EQ(add(part(8, 2, false, {reported("C", "Last", "2")})), Kind::Waiting);
    EXPECT_EQ(add(part(8, 0, true, {reported("A", "First", "0")})), Kind::Waiting);
    EXPECT_TRUE(values().empty());
    EXPECT_EQ(add(part(8, 1, true, {reported("B", "Middle", "1")})), Kind::Applied);
    EXPECT_THAT(values(), ::testing::ElementsAre("A.First=0", "B.Middle=1", "C.Last=2"));
}

// Parts are applied in seqNo order, whatever order they came in: a later part's value of the same
// variable wins.
TEST_F(DeviceModelTest, B07_LaterPartWinsWhateverTheArrivalOrder) {
    EXPECT_EQ(add(part(9, 1, false, {reported("A", "V", "from part 1")})), Kind::Waiting);
    EXPECT_EQ(add(part(9, 0, true, {reported("A", "V", "from part 0")})), Kind::Applied);
    EXPECT_THAT(values(), ::testing::ElementsAre("A.V=from part 1"));
}

TEST_F(DeviceModelTest, B07_ResentPartAddsNothing) {
    manage::testing::EventLog events(bus_, "device_model.#");
    EXPECT_EQ(add(part(3, 0, true, {reported("A", "V", "1")})), Kind::Waiting);
    EXPECT_EQ(add(part(3, 0, true, {reported("A", "V", "resent with another value")})), Kind::Duplicate);
    EXPECT_EQ(add(part(3, 1, false, {reported("B", "V", "2")})), Kind::Applied);
    EXPECT_THAT(values(), ::testing::ElementsAre("A.V=1", "B.V=2"));
    // Resent after the report was applied: still nothing, and no second event.
    EXPECT_EQ(add(part(3, 1, false, {reported("B", "V", "3")})), Kind::Duplicate);
    EXPECT_EQ(add(part(3, 0, true, {reported("A", "V", "4")})), Kind::Duplicate);
    EXPECT_THAT(values(), ::testing::ElementsAre("A.V=1", "B.V=2"));
    ASSERT_TRUE(bus_.wait_idle(5s));
    EXPECT_EQ(events.wait_for(0).size(), 1u);
}

// A report whose parts do not all come is never applied, and its parts are dropped once they are older
// than report_retention (6 h): a part of it arriving later starts over and waits alone.
TEST_F(DeviceModelTest, B07_IncompleteReportIsNeverApplied) {
    EXPECT_EQ(add(part(4, 0, true, {reported("A", "V", "1")})), Kind::Waiting);
    EXPECT_EQ(add(part(4, 2, false, {reported("C", "V", "3")})), Kind::Waiting);
    EXPECT_EQ(add(part(5, 0, true, {reported("D", "V", "4")})), Kind::Waiting);
    EXPECT_EQ(kept_parts(), 3);
    clock_.advance(6h + 1ms);
    EXPECT_EQ(add(part(4, 1, true, {reported("B", "V", "2")})), Kind::Waiting);
    EXPECT_EQ(kept_parts(), 1) << "the parts older than 6 h are dropped";
    EXPECT_TRUE(values().empty());
    // Even the last part again cannot complete it: parts 0 and 2's first copies are gone.
    EXPECT_EQ(add(part(4, 2, false, {reported("C", "V", "3")})), Kind::Waiting);
    EXPECT_TRUE(values().empty());
}

// A report adds and updates; it removes nothing (a custom report, B08, covers part of the model).
// Characteristics not sent again are kept.
TEST_F(DeviceModelTest, B08_ReportUpdatesWhatItNamesAndKeepsTheRest) {
    auto power = reported("EVSE", "Power", "7400", 1);
    power.characteristics = core::VariableCharacteristics{"decimal", "W", 0.0, 22000.0, "", true};
    power.attributes.push_back({"MaxSet", "22000", "ReadWrite", true, false});
    EXPECT_EQ(add(part(1, 0, false, {power, reported("OCPPCommCtrlr", "HeartbeatInterval", "300")})), Kind::Applied);
    clock_.advance(1min);
    EXPECT_EQ(add(part(2, 0, false, {reported("EVSE", "Power", "3700", 1)})), Kind::Applied);
    const auto variables = model_->variables("CS-1");
    ASSERT_EQ(variables.size(), 2u);
    const auto &updated = variables[0];
    ASSERT_EQ(updated.attributes.size(), 2u);
    EXPECT_EQ(updated.attributes[0].value, "3700");
    EXPECT_EQ(updated.attributes[1].type, "MaxSet");
    EXPECT_EQ(updated.attributes[1].value, "22000");
    ASSERT_TRUE(updated.characteristics);
    EXPECT_EQ(updated.characteristics->unit, "W");
    EXPECT_EQ(updated.characteristics->max_limit, 22000.0);
    EXPECT_EQ(updated.updated_at, clock_.now());
    EXPECT_EQ(variables[1].attributes[0].value, "300");
}

// B07/B08: each request has its own requestId; once a new request with an earlier id is sent
// (start_report), that id's earlier parts no longer count as resends.
TEST_F(DeviceModelTest, B08_NewRequestWithTheSameIdIsANewReport) {
    EXPECT_EQ(add(part(1, 0, false, {reported("A", "V", "old")})), Kind::Applied);
    EXPECT_EQ(add(part(1, 0, false, {reported("A", "V", "new")})), Kind::Duplicate);
    model_->start_report("CS-1", 1);
    EXPECT_EQ(add(part(1, 0, false, {reported("A", "V", "new")})), Kind::Applied);
    EXPECT_THAT(values(), ::testing::ElementsAre("A.V=new"));
}

// Names are case-insensitive (OCPP's CiString): GetVariables' answer spelled otherwise updates the
// reported variable, which keeps its mutability; an unknown one is added without it.
TEST_F(DeviceModelTest, B06_ValuesReadOrSetUpdateTheSameVariableIgnoringCase) {
    auto interval = reported("OCPPCommCtrlr", "HeartbeatInterval", "300");
    interval.attributes[0].mutability = "ReadOnly";
    EXPECT_EQ(add(part(1, 0, false, {interval})), Kind::Applied);
    model_->record_values(
        "CS-1", {{{"ocppcommctrlr", "", std::nullopt, std::nullopt}, {"heartbeatinterval", ""}, "Actual", "900"},
                 {{"EVSE", "", 1, std::nullopt}, {"Power", ""}, "Target", "11000"}});
    const auto variables = model_->variables("CS-1");
    ASSERT_EQ(variables.size(), 2u);
    EXPECT_EQ(variables[1].component.name, "ocppcommctrlr") << "the latest spelling is shown";
    ASSERT_EQ(variables[1].attributes.size(), 1u);
    EXPECT_EQ(variables[1].attributes[0].value, "900");
    EXPECT_EQ(variables[1].attributes[0].mutability, "ReadOnly");
    EXPECT_EQ(variables[1].attributes[0].persistent, false);
    const auto &power = variables[0];
    EXPECT_EQ(power.component.evse_id, 1);
    ASSERT_EQ(power.attributes.size(), 1u);
    EXPECT_EQ(power.attributes[0].type, "Target");
    EXPECT_EQ(power.attributes[0].value, "11000");
    EXPECT_EQ(power.attributes[0].mutability, std::nullopt);
    EXPECT_EQ(power.attributes[0].persistent, std::nullopt);
    EXPECT_FALSE(power.characteristics);
}

TEST_F(DeviceModelTest, FiltersByComponentAndVariableIgnoringCase) {
    EXPECT_EQ(add(part(1, 0, false,
                       {reported("EVSE", "Power", "1", 1), reported("EVSE", "Power", "2", 2),
                        reported("EVSE", "AvailabilityState", "Available", 1),
                        reported("OCPPCommCtrlr", "HeartbeatInterval", "300")})),
              Kind::Applied);
    EXPECT_EQ(model_->variables("CS-1", {"evse", std::nullopt}).size(), 3u);
    EXPECT_EQ(model_->variables("CS-1", {std::nullopt, "power"}).size(), 2u);
    EXPECT_THAT(actual_values(model_->variables("CS-1", {"EVSE", "AvailabilityState"})),
                ::testing::ElementsAre("EVSE.AvailabilityState=Available"));
    EXPECT_TRUE(model_->variables("CS-1", {"EVS", std::nullopt}).empty()) << "whole names only";
    EXPECT_TRUE(model_->variables("CS-2").empty());
}

// Instances, EVSEs and connectors tell components apart; the same names elsewhere are other variables.
TEST_F(DeviceModelTest, InstanceEvseAndConnectorAreItsIdentity) {
    auto with = [](std::string instance, std::optional<int> evse, std::optional<int> connector, std::string value) {
        auto v = reported("Connector", "Available", std::move(value));
        v.component.instance = std::move(instance);
        v.component.evse_id = evse;
        v.component.connector_id = connector;
        return v;
    };
    EXPECT_EQ(add(part(1, 0, false,
                       {with("", std::nullopt, std::nullopt, "a"), with("x", std::nullopt, std::nullopt, "b"),
                        with("", 1, std::nullopt, "c"), with("", 1, 1, "d"), with("", 1, 2, "e"),
                        with("", 11, std::nullopt, "f")})),
              Kind::Applied);
    EXPECT_EQ(model_->variables("CS-1").size(), 6u);
}
