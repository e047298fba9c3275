#include "manage/core/command_service.hpp"

#include "manage/common/blocking.hpp"
#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/infra/bus.hpp"
#include "manage/ocpp/validation.hpp"

#include <algorithm>

namespace manage::core {
namespace {

// The JSON pointer of what is wrong. For a missing member OCPP's validation points at the object
// that lacks it (as a CALLERROR's details do); an API user is better told the member itself.
std::string offending_field(const ocpp::Violation &violation) {
    const std::string_view marker = "required property '";
    const std::string_view text = violation.description;
    if (text.substr(0, marker.size()) == marker) {
        const auto end = text.find('\'', marker.size());
        if (end != std::string_view::npos)
            return violation.path + "/" + std::string(text.substr(marker.size(), end - marker.size()));
    }
    return violation.path;
}

using Json = nlohmann::json;

std::string join(const std::vector<std::string> &names) {
    std::string text;
    for (const auto &name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

struct FailureText {
    const char *outcome;
    const char *code;
};

FailureText failure_text(CommandFailure failure) {
    switch (failure) {
    case CommandFailure::NotConnected:
        return {"not_connected", "not_connected"};
    case CommandFailure::Timeout:
        return {"timeout", "timeout"};
    case CommandFailure::CallError:
        return {"call_error", "charger_error"};
    case CommandFailure::InvalidResponse:
        return {"invalid_response", "invalid_response"};
    case CommandFailure::ConnectionLost:
        return {"connection_lost", "connection_lost"};
    }
    return {"connection_lost", "connection_lost"};
}

std::string failure_message(CommandFailure failure, const std::string &charger_id, const CommandResult &result) {
    switch (failure) {
    case CommandFailure::NotConnected:
        return "charger '" + charger_id + "' is not connected";
    case CommandFailure::Timeout:
        return "charger '" + charger_id + "' did not answer in time";
    case CommandFailure::CallError:
        return "charger '" + charger_id + "' answered with CALLERROR " + result.error_code +
               (result.error_description.empty() ? "" : ": " + result.error_description);
    case CommandFailure::InvalidResponse:
        return "charger '" + charger_id + "' answered with an invalid response" +
               (result.description.empty() ? "" : ": " + result.description);
    case CommandFailure::ConnectionLost:
        return "the connection to charger '" + charger_id + "' ended before its answer";
    }
    return result.description;
}

} // namespace

CommandService::CommandService(ChargerService &chargers, ChargerCommands &commands, CommandRepository &repository,
                               infra::Bus &bus, const Clock &clock, asio::thread_pool &workers,
                               CommandServiceOptions options, DeviceModel *device_model)
    : chargers_(chargers), commands_(commands), repository_(repository), bus_(bus), clock_(clock), workers_(workers),
      options_(options), device_model_(device_model) {}

CommandService::~CommandService() {
    stop_boot_policy();
}

asio::awaitable<CommandReply> CommandService::execute(std::string charger_id, std::string action, Json payload,
                                                      Actor actor) {
    CommandReply reply;
    auto find = [this, &charger_id] { return chargers_.find(charger_id); };
    const auto view = co_await run_blocking(workers_, std::move(find));
    if (!view) {
        reply.error = Error{"charger_not_found", "no charger with id '" + charger_id + "'", "id"};
        co_return reply;
    }
    const auto &label = view->presence.ocpp_version.empty() ? view->charger.ocpp_version : view->presence.ocpp_version;
    const auto version = label == "2.0.1" ? ocpp::Version::v201 : ocpp::Version::v16;
    const auto &actions = command_actions(version);
    if (!std::binary_search(actions.begin(), actions.end(), action)) {
        reply.error = Error{"unknown_action",
                            "'" + action + "' is not a command for an OCPP " +
                                std::string(ocpp::version_label(version)) + " charger; known: " + join(actions),
                            "action"};
        co_return reply;
    }
    if (!payload.is_object()) {
        reply.error = Error{"invalid_payload", "the body must be a JSON object: the " + action + " request", ""};
        co_return reply;
    }
    if (const auto violation = ocpp::validate(version, action, ocpp::Direction::Request, payload)) {
        reply.error = Error{"invalid_payload", violation->description, offending_field(*violation)};
        co_return reply;
    }

    CommandRecord record;
    record.id = new_uuid();
    record.charger_id = charger_id;
    record.action = action;
    record.request = payload.dump();
    record.actor = actor;
    record.requested_at = clock_.now();
    auto insert = [this, &record, &charger_id, &action, &payload, version] {
        repository_.insert_command(record);
        if (version == ocpp::Version::v201)
            before_sending_v201(charger_id, action, payload);
        return true;
    };
    co_await run_blocking(workers_, std::move(insert));
    reply.command_id = record.id;

    const auto result = co_await commands_.send(charger_id, action, payload);

    record.finished_at = clock_.now();
    if (result.ok()) {
        record.outcome = "ok";
        record.response = result.response->dump();
        reply.response = *result.response;
    } else {
        const auto failure = result.failure.value_or(CommandFailure::ConnectionLost);
        const auto text = failure_text(failure);
        record.outcome = text.outcome;
        record.error_code = failure == CommandFailure::CallError ? result.error_code : text.outcome;
        record.error_description = failure == CommandFailure::CallError ? result.error_description : result.description;
        reply.error = Error{text.code, failure_message(failure, charger_id, result), ""};
        if (failure == CommandFailure::CallError) {
            reply.charger_error_code = result.error_code;
            reply.charger_error_description = result.error_description;
        }
    }
    const bool apply = result.ok();
    auto finish = [this, &record, &charger_id, &action, &payload, &result, apply, version] {
        if (apply) {
            // The charger did what it said; a failure to note it must not turn its answer into an error.
            try {
                if (version == ocpp::Version::v16)
                    apply_side_effects(charger_id, action, payload, *result.response);
                else
                    apply_side_effects_v201(charger_id, action, payload, *result.response);
            } catch (const std::exception &e) {
                logger("core")->error("[charger={}] {} succeeded but recording its effect failed: {}", charger_id,
                                      action, e.what());
            }
        }
        repository_.finish_command(record);
        return true;
    };
    co_await run_blocking(workers_, std::move(finish));
    logger("core")->info("[charger={}] command {} by {} ({}): {}", charger_id, action, actor.name, actor.id,
                         record.outcome);
    co_return reply;
}

std::vector<CommandRecord> CommandService::history(const std::string &charger_id, std::size_t limit) {
    return repository_.commands(charger_id, limit);
}

ChargerConfiguration CommandService::configuration(const std::string &charger_id) {
    return repository_.configuration(charger_id);
}

std::vector<StoredChargingProfile> CommandService::charging_profiles(const std::string &charger_id) {
    return repository_.charging_profiles(charger_id);
}

std::vector<Reservation> CommandService::reservations(const std::string &charger_id) {
    auto reservations = repository_.reservations(charger_id);
    const auto now = clock_.now();
    for (auto &reservation : reservations)
        if (reservation.status == "active" && reservation.expiry <= now)
            reservation.status = "expired";
    return reservations;
}

} // namespace manage::core
