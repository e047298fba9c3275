#include "charging_fixture.hpp"

using namespace manage;
using namespace std::chrono_literals;
using core::IdTagStatus;

namespace {

core::IdTag tag(const std::string &id, IdTagStatus status = IdTagStatus::Accepted,
                std::optional<TimePoint> expiry = std::nullopt, const std::string &parent = "") {
    return core::IdTag{id, status, expiry, parent, false, {}, {}};
}

} // namespace

TEST(IdTagDecision, FollowsOcppSemantics) {
    const TimePoint now{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
    EXPECT_EQ(core::decide(std::nullopt, std::nullopt, now, 0).status, IdTagStatus::Invalid);
    EXPECT_EQ(core::decide(tag("A"), std::nullopt, now, 0).status, IdTagStatus::Accepted);
    EXPECT_EQ(core::decide(tag("A", IdTagStatus::Blocked), std::nullopt, now, 0).status, IdTagStatus::Blocked);
    EXPECT_EQ(core::decide(tag("A", IdTagStatus::Expired), std::nullopt, now, 0).status, IdTagStatus::Expired);
    EXPECT_EQ(core::decide(tag("A", IdTagStatus::Accepted, now - 1s), std::nullopt, now, 0).status,
              IdTagStatus::Expired);
    EXPECT_EQ(core::decide(tag("A", IdTagStatus::Accepted, now + 1h), std::nullopt, now, 0).status,
              IdTagStatus::Accepted);
    // A blocked or expired parent passes its status on; the answer still names the parent.
    const auto child = tag("A", IdTagStatus::Accepted, std::nullopt, "FLEET");
    EXPECT_EQ(core::decide(child, tag("FLEET", IdTagStatus::Blocked), now, 0).status, IdTagStatus::Blocked);
    EXPECT_EQ(core::decide(child, tag("FLEET", IdTagStatus::Accepted, now - 1s), now, 0).status, IdTagStatus::Expired);
    EXPECT_EQ(core::decide(child, std::nullopt, now, 0).parent_id_tag, "FLEET");
    // Concurrency counts only for a tag that is otherwise accepted and not allowed several sessions.
    EXPECT_EQ(core::decide(tag("A"), std::nullopt, now, 1).status, IdTagStatus::ConcurrentTx);
    EXPECT_EQ(core::decide(tag("A", IdTagStatus::Blocked), std::nullopt, now, 1).status, IdTagStatus::Blocked);
    auto fleet_card = tag("A");
    fleet_card.allow_concurrent_tx = true;
    EXPECT_EQ(core::decide(fleet_card, std::nullopt, now, 3).status, IdTagStatus::Accepted);
}

TEST(IdTagValidation, IsAnOcpp201IdTokenOfPrintableAscii) {
    EXPECT_TRUE(core::is_valid_id_tag("04A2B3C4D5E6F7"));
    EXPECT_TRUE(core::is_valid_id_tag(std::string(36, 'x')));
    EXPECT_FALSE(core::is_valid_id_tag(""));
    EXPECT_FALSE(core::is_valid_id_tag(std::string(37, 'x')));
    EXPECT_FALSE(core::is_valid_id_tag("has space"));
    EXPECT_TRUE(core::fits_ocpp16(std::string(20, 'x')));
    EXPECT_FALSE(core::fits_ocpp16(std::string(21, 'x')));
}

TEST(IdTokenType, IsOneOfOcpp201IdTokenEnumType) {
    for (const char *type :
         {"Central", "eMAID", "ISO14443", "ISO15693", "KeyCode", "Local", "MacAddress", "NoAuthorization"})
        EXPECT_TRUE(core::is_id_token_type(type)) << type;
    EXPECT_FALSE(core::is_id_token_type("iso14443"));
    EXPECT_FALSE(core::is_id_token_type(""));
}

// C/D: a 2.0.1 station holds tokens of up to 36 characters; a 1.6 charger only those of up to 20.
TEST(LocalListForVersion, LeavesOutWhatAnOcpp16ChargerCannotHold) {
    const auto long_tag = std::string(21, 'L');
    const std::vector<core::LocalListEntry> desired{
        core::LocalListEntry{"A", core::IdTagInfo{IdTagStatus::Accepted, std::nullopt, long_tag}},
        core::LocalListEntry{long_tag, core::IdTagInfo{IdTagStatus::Accepted, std::nullopt, ""}},
        core::LocalListEntry{"B", core::IdTagInfo{IdTagStatus::Blocked, std::nullopt, "FLEET"}}};
    const auto v16 = core::local_list_for_version(desired, "1.6");
    ASSERT_EQ(v16.entries.size(), 2u);
    EXPECT_EQ(v16.entries[0].id_tag, "A");
    EXPECT_EQ(v16.entries[0].info->parent_id_tag, "") << "a parent over 20 characters is dropped";
    EXPECT_EQ(v16.entries[1].info->parent_id_tag, "FLEET");
    EXPECT_EQ(v16.left_out, std::vector<std::string>{long_tag});
    const auto v201 = core::local_list_for_version(desired, "2.0.1");
    EXPECT_EQ(v201.entries, desired);
    EXPECT_TRUE(v201.left_out.empty());
}

// D01.FR.01..: SendLocalListRequest carries versionNumber, updateType and AuthorizationData.
TEST(SendLocalListPayload, TakesTheShapeOfTheChargersVersion) {
    const TimePoint expiry{std::chrono::sys_days{std::chrono::year{2027} / 1 / 31}};
    core::LocalListUpdate update{core::UpdateType::Differential, 4, {}};
    update.entries.push_back(
        core::LocalListEntry{"CARD-1", core::IdTagInfo{IdTagStatus::Accepted, expiry, "FLEET"}, "ISO15693"});
    update.entries.push_back(core::LocalListEntry{"GONE", std::nullopt, "KeyCode"});
    EXPECT_EQ(core::send_local_list_payload(update, "2.0.1"), nlohmann::json::parse(R"({
        "versionNumber": 4, "updateType": "Differential", "localAuthorizationList": [
          {"idToken": {"idToken": "CARD-1", "type": "ISO15693"},
           "idTokenInfo": {"status": "Accepted", "cacheExpiryDateTime": "2027-01-31T00:00:00.000Z",
                           "groupIdToken": {"idToken": "FLEET", "type": "Central"}}},
          {"idToken": {"idToken": "GONE", "type": "KeyCode"}}]})"));
    EXPECT_EQ(core::send_local_list_payload(update, "1.6"), nlohmann::json::parse(R"({
        "listVersion": 4, "updateType": "Differential", "localAuthorizationList": [
          {"idTag": "CARD-1", "idTagInfo": {"status": "Accepted", "expiryDate": "2027-01-31T00:00:00.000Z",
                                            "parentIdTag": "FLEET"}},
          {"idTag": "GONE"}]})"));
    // An empty full list clears the station's list; 2.0.1 wants the array absent rather than empty.
    const core::LocalListUpdate clear{core::UpdateType::Full, 5, {}};
    EXPECT_EQ(core::send_local_list_payload(clear, "2.0.1"),
              (nlohmann::json{{"versionNumber", 5}, {"updateType", "Full"}}));
    EXPECT_EQ(core::send_local_list_payload(clear, "1.6"),
              (nlohmann::json{
                  {"listVersion", 5}, {"updateType", "Full"}, {"localAuthorizationList", nlohmann::json::array()}}));
}

class AuthorizationTest : public manage::testing::ChargingFixture {};

TEST_F(AuthorizationTest, AnswersFromStoredTags) {
    put_tag("OK");
    put_tag("BLOCKED", IdTagStatus::Blocked);
    put_tag("OLD", IdTagStatus::Accepted, clock_.now() + 1h);
    put_tag("CHILD", IdTagStatus::Accepted, std::nullopt, "BLOCKED");
    EXPECT_EQ(authorization_->authorize("CP-1", "OK").status, IdTagStatus::Accepted);
    EXPECT_EQ(authorization_->authorize("CP-1", "NOBODY").status, IdTagStatus::Invalid);
    EXPECT_EQ(authorization_->authorize("CP-1", "BLOCKED").status, IdTagStatus::Blocked);
    EXPECT_EQ(authorization_->authorize("CP-1", "CHILD").status, IdTagStatus::Blocked);
    const auto before = authorization_->authorize("CP-1", "OLD");
    EXPECT_EQ(before.status, IdTagStatus::Accepted);
    EXPECT_EQ(before.expiry, clock_.now() + 1h);
    clock_.advance(2h);
    EXPECT_EQ(authorization_->authorize("CP-1", "OLD").status, IdTagStatus::Expired);
}

TEST_F(AuthorizationTest, ConcurrentTxWhileTheTagHasAnActiveSession) {
    put_tag("DRIVER");
    put_tag("FLEET", IdTagStatus::Accepted, std::nullopt, "", true);
    const auto first = transactions_->start("CP-1", {1, "DRIVER", 0, clock_.now(), std::nullopt});
    EXPECT_EQ(first.id_tag_info.status, IdTagStatus::Accepted);
    EXPECT_EQ(authorization_->authorize("CP-2", "DRIVER").status, IdTagStatus::ConcurrentTx);
    // A charger starting again on the same connector has lost its session there: not concurrent.
    EXPECT_EQ(authorization_->authorize_start("CP-1", 1, "DRIVER").status, IdTagStatus::Accepted);
    EXPECT_EQ(transactions_->start("CP-2", {1, "DRIVER", 0, clock_.now(), std::nullopt}).id_tag_info.status,
              IdTagStatus::ConcurrentTx);
    // Stopping answers the tag's own state.
    EXPECT_EQ(authorization_->authorize_stop("CP-1", "DRIVER").status, IdTagStatus::Accepted);
    transactions_->start("CP-1", {2, "FLEET", 0, clock_.now(), std::nullopt});
    EXPECT_EQ(authorization_->authorize("CP-2", "FLEET").status, IdTagStatus::Accepted);
}

TEST_F(AuthorizationTest, IdTagsAreValidatedAndReplaced) {
    auto created = authorization_->put_id_tag(tag("T-1"));
    ASSERT_TRUE(created);
    EXPECT_TRUE(created.value().second);
    clock_.advance(1s);
    auto replaced = authorization_->put_id_tag(tag("T-1", IdTagStatus::Blocked));
    ASSERT_TRUE(replaced);
    EXPECT_FALSE(replaced.value().second);
    EXPECT_EQ(replaced.value().first.status, IdTagStatus::Blocked);
    EXPECT_LT(replaced.value().first.created_at, replaced.value().first.updated_at);
    EXPECT_EQ(authorization_->put_id_tag(tag("far-too-long-even-for-an-ocpp-2.0.1-token")).error().field, "idTag");
    EXPECT_EQ(authorization_->put_id_tag(tag("T-2", IdTagStatus::ConcurrentTx)).error().field, "status");
    EXPECT_TRUE(authorization_->delete_id_tag("default", "T-1"));
    EXPECT_FALSE(authorization_->delete_id_tag("default", "T-1"));
    EXPECT_EQ(authorization_->authorize("CP-1", "T-1").status, IdTagStatus::Invalid);
}

TEST_F(AuthorizationTest, TagsKeepTheirTokenTypeAndMayBe36CharactersLong) {
    core::IdTag card{std::string(36, 'M'), IdTagStatus::Accepted, std::nullopt, "", false, {}, {}};
    card.type = "eMAID";
    ASSERT_TRUE(authorization_->put_id_tag(card));
    const auto found = authorization_->find_id_tag("default", card.id_tag);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->type, "eMAID");
    EXPECT_EQ(authorization_->authorize_token("CP-1", card.id_tag, "eMAID").status, IdTagStatus::Accepted);
    card.type = "Mifare";
    const auto refused = authorization_->put_id_tag(card);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "type");
    EXPECT_FALSE(
        authorization_->put_id_tag(core::IdTag{std::string(37, 'M'), IdTagStatus::Accepted, {}, "", false, {}, {}}));
}

namespace {

core::LocalListEntry entry(const std::string &id, IdTagStatus status = IdTagStatus::Accepted) {
    return core::LocalListEntry{id, core::IdTagInfo{status, std::nullopt, ""}};
}

} // namespace

TEST_F(AuthorizationTest, FullSyncSendsEveryEntryWithTheNextVersion) {
    ASSERT_TRUE(authorization_->replace_local_list("CP-1", {entry("B"), entry("A", IdTagStatus::Blocked)}));
    const auto synced = run(authorization_->sync_local_list("CP-1", "1.6", core::UpdateType::Full, workers_));
    ASSERT_TRUE(synced) << synced.error().message;
    EXPECT_EQ(synced.value().status, "Accepted");
    EXPECT_EQ(synced.value().version, 1);
    ASSERT_EQ(commands_.sent.size(), 1u);
    EXPECT_EQ(commands_.sent[0].charger_id, "CP-1");
    EXPECT_EQ(commands_.sent[0].action, "SendLocalList");
    EXPECT_EQ(commands_.sent[0].payload, nlohmann::json::parse(R"({"listVersion": 1, "updateType": "Full",
        "localAuthorizationList": [{"idTag": "A", "idTagInfo": {"status": "Blocked"}},
                                   {"idTag": "B", "idTagInfo": {"status": "Accepted"}}]})"));
    const auto state = authorization_->local_list("CP-1");
    EXPECT_EQ(state.version, 1);
    EXPECT_EQ(state.held, state.desired);
    EXPECT_EQ(state.last_sync_status, "Accepted");
}

TEST_F(AuthorizationTest, DifferentialSyncSendsChangesSinceTheAcceptedVersion) {
    ASSERT_TRUE(authorization_->replace_local_list("CP-1", {entry("A"), entry("B"), entry("C")}));
    ASSERT_TRUE(run(authorization_->sync_local_list("CP-1", "1.6", core::UpdateType::Full, workers_)));
    // B is removed, C changes, D is new; A stays as it was.
    ASSERT_TRUE(authorization_->replace_local_list("CP-1", {entry("A"), entry("C", IdTagStatus::Blocked), entry("D")}));
    const auto synced = run(authorization_->sync_local_list("CP-1", "1.6", core::UpdateType::Differential, workers_));
    ASSERT_TRUE(synced);
    EXPECT_EQ(synced.value().version, 2);
    EXPECT_EQ(commands_.sent.back().payload, nlohmann::json::parse(R"({"listVersion": 2, "updateType": "Differential",
        "localAuthorizationList": [{"idTag": "B"},
                                   {"idTag": "C", "idTagInfo": {"status": "Blocked"}},
                                   {"idTag": "D", "idTagInfo": {"status": "Accepted"}}]})"));
    const auto state = authorization_->local_list("CP-1");
    EXPECT_EQ(state.held, state.desired);

    // A refused update leaves the version where it was, and the next differential starts from there.
    commands_.answer.response = nlohmann::json{{"status", "Failed"}};
    ASSERT_TRUE(authorization_->replace_local_list("CP-1", {entry("A")}));
    const auto failed = run(authorization_->sync_local_list("CP-1", "1.6", core::UpdateType::Differential, workers_));
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed.value().status, "Failed");
    EXPECT_EQ(failed.value().version, 2);
    EXPECT_EQ(authorization_->local_list("CP-1").last_sync_status, "Failed");
    EXPECT_EQ(authorization_->prepare_sync("CP-1", "1.6", core::UpdateType::Differential).update.version, 3);
}

TEST_F(AuthorizationTest, SyncToAnOcpp16ChargerLeavesOutLongTagsAndSaysSo) {
    const auto long_tag = std::string(30, 'E');
    ASSERT_TRUE(authorization_->replace_local_list("CP-1", {entry("A"), entry(long_tag)}));
    const auto synced = run(authorization_->sync_local_list("CP-1", "1.6", core::UpdateType::Full, workers_));
    ASSERT_TRUE(synced);
    EXPECT_EQ(synced.value().left_out, std::vector<std::string>{long_tag});
    EXPECT_EQ(commands_.sent.back().payload["localAuthorizationList"].size(), 1u);
    // What the charger holds is what it was sent, so a differential does not retry the long tag as a change.
    const auto again = run(authorization_->sync_local_list("CP-1", "1.6", core::UpdateType::Differential, workers_));
    ASSERT_TRUE(again);
    EXPECT_TRUE(commands_.sent.back().payload["localAuthorizationList"].empty());
    EXPECT_EQ(again.value().left_out, std::vector<std::string>{long_tag});
}

TEST_F(AuthorizationTest, SyncToAnOcpp201StationSendsEveryTokenWithItsType) {
    auto card = entry(std::string(36, 'C'));
    card.type = "eMAID";
    ASSERT_TRUE(authorization_->replace_local_list("CP-1", {card}));
    const auto synced = run(authorization_->sync_local_list("CP-1", "2.0.1", core::UpdateType::Full, workers_));
    ASSERT_TRUE(synced);
    EXPECT_TRUE(synced.value().left_out.empty());
    const auto &sent = commands_.sent.back().payload;
    EXPECT_EQ(sent["versionNumber"], 1);
    EXPECT_EQ(sent["localAuthorizationList"][0]["idToken"],
              (nlohmann::json{{"idToken", std::string(36, 'C')}, {"type", "eMAID"}}));
    // The stored lists keep the type, and a removal names the token with its type.
    EXPECT_EQ(authorization_->local_list("CP-1").held.at(0).type, "eMAID");
    ASSERT_TRUE(authorization_->replace_local_list("CP-1", {}));
    ASSERT_TRUE(run(authorization_->sync_local_list("CP-1", "2.0.1", core::UpdateType::Differential, workers_)));
    EXPECT_EQ(
        commands_.sent.back().payload["localAuthorizationList"],
        nlohmann::json::parse(R"([{"idToken": {"idToken": ")" + std::string(36, 'C') + R"(", "type": "eMAID"}}])"));
}

TEST_F(AuthorizationTest, SyncFailsWhenTheChargerCannotBeAsked) {
    commands_.answer = core::CommandResult{std::nullopt, core::CommandFailure::NotConnected, "", "", "not connected"};
    const auto synced = run(authorization_->sync_local_list("CP-1", "1.6", core::UpdateType::Full, workers_));
    ASSERT_FALSE(synced);
    EXPECT_EQ(synced.error().code, "charger_not_connected");
    EXPECT_EQ(authorization_->local_list("CP-1").version, 0);
}

TEST_F(AuthorizationTest, LocalListEntriesAreValidated) {
    auto duplicate = authorization_->replace_local_list("CP-1", {entry("A"), entry("A")});
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().field, "entries/1/idTag");
    auto missing = authorization_->replace_local_list("CP-1", {core::LocalListEntry{"A", std::nullopt}});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().field, "entries/0/idTagInfo");
    auto typed = entry("B");
    typed.type = "RFID";
    auto bad_type = authorization_->replace_local_list("CP-1", {entry("A"), typed});
    ASSERT_FALSE(bad_type);
    EXPECT_EQ(bad_type.error().field, "entries/1/type");
    auto too_long = authorization_->replace_local_list("CP-1", {entry(std::string(37, 'x'))});
    ASSERT_FALSE(too_long);
    EXPECT_EQ(too_long.error().field, "entries/0/idTag");
}
