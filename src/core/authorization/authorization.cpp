#include "manage/core/authorization.hpp"
#include "manage/core/events.hpp"

#include "events/publish.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger_commands.hpp"
#include "manage/core/event_topics.hpp"

namespace manage::core {
namespace {

constexpr const char *kTokenTypeRule =
    "a token type is Central, eMAID, ISO14443, ISO15693, KeyCode, Local, MacAddress or NoAuthorization";

Error command_error(const CommandResult &result) {
    switch (result.failure.value_or(CommandFailure::InvalidResponse)) {
    case CommandFailure::NotConnected:
        return {"charger_not_connected", "the charger is not connected", ""};
    case CommandFailure::Timeout:
        return {"charger_timeout", "the charger did not answer SendLocalList in time", ""};
    case CommandFailure::CallError:
        return {"charger_call_error",
                "the charger answered SendLocalList with " + result.error_code + ": " + result.error_description, ""};
    case CommandFailure::ConnectionLost:
        return {"charger_connection_lost", "the charger's connection ended before it answered", ""};
    case CommandFailure::InvalidResponse:
        break;
    }
    return {"charger_invalid_response", "the charger's answer to SendLocalList is invalid: " + result.description, ""};
}

} // namespace

Authorization::Authorization(AuthorizationRepository &repository, Events &events, const Clock &clock,
                             ChargerCommands *commands)
    : repository_(repository), events_(events), clock_(clock), commands_(commands) {}

IdTagInfo Authorization::decide_for(const std::string &id_tag, const std::string &charger_id, int connector_id,
                                    bool check_concurrency) {
    // A charger answers from its own organisation's tags only.
    const auto organisation_id = repository_.charger_organisation(charger_id);
    const auto tag = repository_.find_id_tag(organisation_id, id_tag);
    std::optional<IdTag> parent;
    if (tag && !tag->parent_id_tag.empty() && tag->parent_id_tag != tag->id_tag)
        parent = repository_.find_id_tag(organisation_id, tag->parent_id_tag);
    const int others =
        tag && check_concurrency ? repository_.count_active_sessions(id_tag, charger_id, connector_id) : 0;
    return decide(tag, parent, clock_.now(), others);
}

IdTagInfo Authorization::authorize(const std::string &charger_id, const std::string &id_tag) {
    return decide_for(id_tag, charger_id, -1, true);
}

IdTagInfo Authorization::authorize_token(const std::string &charger_id, const std::string &id_token,
                                         const std::string &type) {
    if (type == "NoAuthorization")
        return IdTagInfo{IdTagStatus::Accepted, std::nullopt, ""};
    return authorize(charger_id, id_token);
}

IdTagInfo Authorization::authorize_start(const std::string &charger_id, int connector_id, const std::string &id_tag) {
    return decide_for(id_tag, charger_id, connector_id, true);
}

IdTagInfo Authorization::authorize_stop(const std::string &charger_id, const std::string &id_tag) {
    return decide_for(id_tag, charger_id, -1, false);
}

std::vector<IdTag> Authorization::list_id_tags(const std::string &organisation_id) {
    return repository_.list_id_tags(organisation_id);
}

std::optional<IdTag> Authorization::find_id_tag(const std::string &organisation_id, const std::string &id_tag) {
    return repository_.find_id_tag(organisation_id, id_tag);
}

Result<std::pair<IdTag, bool>> Authorization::put_id_tag(IdTag tag) {
    if (!is_valid_id_tag(tag.id_tag))
        return fail("invalid_id_tag", "an idTag is 1 to 36 printable ASCII characters", "idTag");
    if (tag.status == IdTagStatus::ConcurrentTx)
        return fail("invalid_status", "a tag's status is Accepted, Blocked, Expired or Invalid", "status");
    if (!tag.parent_id_tag.empty() && !is_valid_id_tag(tag.parent_id_tag))
        return fail("invalid_id_tag", "a parentIdTag is 1 to 36 printable ASCII characters", "parentIdTag");
    if (!is_id_token_type(tag.type))
        return fail("invalid_type", kTokenTypeRule, "type");
    const auto now = clock_.now();
    tag.created_at = now;
    tag.updated_at = now;
    const bool created = repository_.save_id_tag(tag);
    auto stored = repository_.find_id_tag(tag.organisation_id, tag.id_tag);
    return std::pair{stored.value_or(tag), created};
}

bool Authorization::delete_id_tag(const std::string &organisation_id, const std::string &id_tag) {
    return repository_.delete_id_tag(organisation_id, id_tag);
}

LocalListState Authorization::local_list(const std::string &charger_id) {
    return repository_.load_local_list(charger_id);
}

Result<LocalListState> Authorization::replace_local_list(const std::string &charger_id,
                                                         std::vector<LocalListEntry> entries) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto field = "entries/" + std::to_string(i);
        if (!is_valid_id_tag(entries[i].id_tag))
            return fail("invalid_id_tag", "an idTag is 1 to 36 printable ASCII characters", field + "/idTag");
        if (!is_id_token_type(entries[i].type))
            return fail("invalid_type", kTokenTypeRule, field + "/type");
        if (!entries[i].info)
            return fail("missing_field", "each entry needs its idTagInfo", field + "/idTagInfo");
        for (std::size_t j = 0; j < i; ++j)
            if (entries[j].id_tag == entries[i].id_tag)
                return fail("duplicate_id_tag", "idTag '" + entries[i].id_tag + "' is listed twice", field + "/idTag");
    }
    repository_.save_desired_entries(charger_id, entries, clock_.now());
    return repository_.load_local_list(charger_id);
}

PreparedLocalList Authorization::prepare_sync(const std::string &charger_id, const std::string &ocpp_version,
                                              UpdateType type) {
    auto state = repository_.load_local_list(charger_id);
    auto desired = local_list_for_version(state.desired, ocpp_version);
    // A station that changed version may hold tags it could not be sent now: they cannot be named either.
    state.held = local_list_for_version(state.held, ocpp_version).entries;
    state.desired = std::move(desired.entries);
    return PreparedLocalList{build_local_list_update(state, type), std::move(desired.left_out)};
}

LocalListSync Authorization::record_sync(const std::string &charger_id, const PreparedLocalList &prepared,
                                         const std::string &status) {
    const auto &update = prepared.update;
    const bool accepted = status == "Accepted";
    int version = 0;
    // The list the charger now holds and local_list.synced commit as one.
    events_.atomically([&] {
        const auto state = repository_.load_local_list(charger_id);
        const auto held = accepted ? apply_local_list_update(state.held, update) : state.held;
        repository_.record_sync(charger_id, update, status, accepted, held, clock_.now());
        version = accepted ? update.version : state.version;
        events_.publish(topics::kLocalListSynced, {{"chargerId", charger_id},
                                                   {"updateType", to_string(update.type)},
                                                   {"sentVersion", update.version},
                                                   {"entries", update.entries.size()},
                                                   {"leftOut", prepared.left_out},
                                                   {"status", status},
                                                   {"listVersion", version}});
    });
    return LocalListSync{status, update, version, prepared.left_out};
}

asio::awaitable<Result<LocalListSync>> Authorization::sync_local_list(std::string charger_id, std::string ocpp_version,
                                                                      UpdateType type, asio::thread_pool &workers) {
    if (commands_ == nullptr)
        co_return fail("commands_unavailable", "this process cannot send commands to chargers");
    auto preparing = [this, charger_id, ocpp_version, type] { return prepare_sync(charger_id, ocpp_version, type); };
    const auto prepared = co_await run_blocking(workers, std::move(preparing));
    auto payload = send_local_list_payload(prepared.update, ocpp_version);
    const auto result = co_await commands_->send(charger_id, "SendLocalList", std::move(payload));
    if (!result.ok())
        co_return outcome::failure(command_error(result));
    const auto status = result.response->value("status", std::string("Failed"));
    auto recording = [this, charger_id, prepared, status] { return record_sync(charger_id, prepared, status); };
    co_return co_await run_blocking(workers, std::move(recording));
}

} // namespace manage::core
