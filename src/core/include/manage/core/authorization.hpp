#pragma once
// ID tags and local authorization lists: what Authorize, StartTransaction and StopTransaction are
// answered, and what each charger's local list holds. Store and events through their ports.
#include "manage/common/asio.hpp"
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/authorization_repository.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

class Events;

class ChargerCommands;

struct LocalListSync {
    std::string status;     // the charger's SendLocalList answer: Accepted, Failed, NotSupported, VersionMismatch
    LocalListUpdate update; // what was sent
    int version = 0;        // the version the charger holds now
    std::vector<std::string> left_out; // desired tags its OCPP version cannot hold (over 20 characters for 1.6)
};

// An update ready to send, with the desired tags that do not fit the charger's version.
struct PreparedLocalList {
    LocalListUpdate update;
    std::vector<std::string> left_out;
};

class Authorization {
public:
    // `commands` may be null: syncing then fails with `commands_unavailable`.
    Authorization(AuthorizationRepository &repository, Events &events, const Clock &clock,
                  ChargerCommands *commands = nullptr);
    void set_commands(ChargerCommands *commands) { commands_ = commands; }

    // Authorize.req.
    IdTagInfo authorize(const std::string &charger_id, const std::string &id_tag);
    // OCPP 2.0.1 Authorize and TransactionEvent: the same tokens as 1.6 id tags, whatever their type,
    // except that NoAuthorization (a station charging without identification) is always Accepted.
    IdTagInfo authorize_token(const std::string &charger_id, const std::string &id_token, const std::string &type);
    // StartTransaction.req on `connector_id`: as authorize, concurrency counted outside that connector.
    IdTagInfo authorize_start(const std::string &charger_id, int connector_id, const std::string &id_tag);
    // StopTransaction.req: the tag's state without the concurrency check.
    IdTagInfo authorize_stop(const std::string &charger_id, const std::string &id_tag);

    // ID tags, each of one organisation: a charger answers from its own organisation's tags.
    std::vector<IdTag> list_id_tags(const std::string &organisation_id);
    std::optional<IdTag> find_id_tag(const std::string &organisation_id, const std::string &id_tag);
    // Creates or replaces the tag in tag.organisation_id; returns the stored tag and whether it was created.
    Result<std::pair<IdTag, bool>> put_id_tag(IdTag tag);
    bool delete_id_tag(const std::string &organisation_id, const std::string &id_tag);

    // Local lists. The charger must exist (callers check).
    LocalListState local_list(const std::string &charger_id);
    Result<LocalListState> replace_local_list(const std::string &charger_id, std::vector<LocalListEntry> entries);
    // Sends SendLocalList in the shape of the charger's `ocpp_version` and records the answer; blocking
    // Store calls run on `workers`.
    asio::awaitable<Result<LocalListSync>> sync_local_list(std::string charger_id, std::string ocpp_version,
                                                           UpdateType type, asio::thread_pool &workers);
    // The synchronous halves of sync_local_list.
    PreparedLocalList prepare_sync(const std::string &charger_id, const std::string &ocpp_version, UpdateType type);
    LocalListSync record_sync(const std::string &charger_id, const PreparedLocalList &prepared,
                              const std::string &status);

private:
    IdTagInfo decide_for(const std::string &id_tag, const std::string &charger_id, int connector_id,
                         bool check_concurrency);

    AuthorizationRepository &repository_;
    Events &events_;
    const Clock &clock_;
    ChargerCommands *commands_;
};

} // namespace manage::core
