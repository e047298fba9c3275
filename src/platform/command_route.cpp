#include "command_route.hpp"

#include <charconv>
#include <chrono>

namespace manage::platform::route {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kNodeKey = "charger-node:";
constexpr std::string_view kEpochKey = "charger-epoch:";

std::string joined(std::string_view head, std::string_view tail) {
    std::string text(head);
    text += tail;
    return text;
}

std::string_view failure_name(core::CommandFailure failure) {
    switch (failure) {
    case core::CommandFailure::NotConnected:
        return "NotConnected";
    case core::CommandFailure::Timeout:
        return "Timeout";
    case core::CommandFailure::CallError:
        return "CallError";
    case core::CommandFailure::InvalidResponse:
        return "InvalidResponse";
    case core::CommandFailure::ConnectionLost:
        return "ConnectionLost";
    }
    return "ConnectionLost";
}

std::optional<core::CommandFailure> parse_failure(std::string_view name) {
    for (const auto failure :
         {core::CommandFailure::NotConnected, core::CommandFailure::Timeout, core::CommandFailure::CallError,
          core::CommandFailure::InvalidResponse, core::CommandFailure::ConnectionLost})
        if (failure_name(failure) == name)
            return failure;
    return std::nullopt;
}

std::int64_t to_milliseconds(TimePoint time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

TimePoint from_milliseconds(std::int64_t ms) {
    return TimePoint(std::chrono::duration_cast<Duration>(std::chrono::milliseconds(ms)));
}

} // namespace

std::string node_key(std::string_view charger_id) {
    return joined(kNodeKey, charger_id);
}
std::string epoch_key(std::string_view charger_id) {
    return joined(kEpochKey, charger_id);
}
std::string command_topic(std::string_view node) {
    return joined("commands.node.", node);
}
std::string command_queue(std::string_view node) {
    return joined("connect.commands.", node);
}
std::string reply_topic(std::string_view node) {
    return joined("commands.reply.", node);
}
std::string reply_queue(std::string_view node) {
    return joined("core.replies.", node);
}

std::string format_claim(const Claim &claim) {
    return claim.node + "|" + std::to_string(claim.epoch);
}

std::optional<Claim> parse_claim(std::string_view text) {
    const auto bar = text.rfind('|');
    if (bar == std::string_view::npos || bar == 0)
        return std::nullopt;
    const auto digits = text.substr(bar + 1);
    std::int64_t epoch = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), epoch);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || epoch <= 0)
        return std::nullopt;
    return Claim{std::string(text.substr(0, bar)), epoch};
}

std::string encode_command(const RoutedCommand &command) {
    return Json{{"requestId", command.request_id},
                {"chargerId", command.charger_id},
                {"epoch", command.epoch},
                {"action", command.action},
                {"payload", command.payload},
                {"replyTopic", command.reply_topic},
                {"expiresAtMs", to_milliseconds(command.expires_at)}}
        .dump();
}

std::optional<RoutedCommand> decode_command(std::string_view text) {
    const auto json = Json::parse(text, nullptr, false);
    if (!json.is_object())
        return std::nullopt;
    try {
        RoutedCommand command;
        command.request_id = json.at("requestId").get<std::string>();
        command.charger_id = json.at("chargerId").get<std::string>();
        command.epoch = json.at("epoch").get<std::int64_t>();
        command.action = json.at("action").get<std::string>();
        command.payload = json.at("payload");
        command.reply_topic = json.at("replyTopic").get<std::string>();
        command.expires_at = from_milliseconds(json.at("expiresAtMs").get<std::int64_t>());
        return command;
    } catch (const Json::exception &) {
        return std::nullopt;
    }
}

std::string encode_reply(const RoutedReply &reply) {
    Json json{{"requestId", reply.request_id}, {"notHere", reply.not_here}};
    const auto &result = reply.result;
    if (result.response)
        json["response"] = *result.response;
    if (result.failure)
        json["failure"] = failure_name(*result.failure);
    json["errorCode"] = result.error_code;
    json["errorDescription"] = result.error_description;
    json["description"] = result.description;
    return json.dump();
}

std::optional<RoutedReply> decode_reply(std::string_view text) {
    const auto json = Json::parse(text, nullptr, false);
    if (!json.is_object())
        return std::nullopt;
    try {
        RoutedReply reply;
        reply.request_id = json.at("requestId").get<std::string>();
        reply.not_here = json.value("notHere", false);
        if (json.contains("response"))
            reply.result.response = json["response"];
        if (json.contains("failure")) {
            reply.result.failure = parse_failure(json["failure"].get<std::string>());
            if (!reply.result.failure)
                return std::nullopt;
        }
        reply.result.error_code = json.value("errorCode", "");
        reply.result.error_description = json.value("errorDescription", "");
        reply.result.description = json.value("description", "");
        if (!reply.not_here && reply.result.response.has_value() == reply.result.failure.has_value())
            return std::nullopt; // an answer is a response or a failure, never both nor neither
        return reply;
    } catch (const Json::exception &) {
        return std::nullopt;
    }
}

NextStep after_miss(const Miss &miss, int max_attempts, std::string_view charger_id) {
    NextStep step;
    const bool moved = miss.now && miss.now->epoch > miss.tried.epoch;
    if (moved && miss.attempts < max_attempts) {
        step.resend_to = miss.now;
        return step;
    }
    const std::string id(charger_id);
    auto &failure = step.failure;
    if (moved) {
        failure.failure = core::CommandFailure::NotConnected;
        failure.description = "charger " + id + " moved between nodes " + std::to_string(miss.attempts) +
                              " times while the command was on its way; try again";
    } else if (!miss.now || miss.now != miss.tried) {
        failure.failure = core::CommandFailure::NotConnected;
        failure.description = "charger " + id + " is not connected";
    } else if (miss.timed_out) {
        failure.failure = core::CommandFailure::Timeout;
        failure.description = "no answer from node " + miss.tried.node + ", which holds charger " + id +
                              "'s connection: the node may be down or overloaded";
    } else {
        failure.failure = core::CommandFailure::NotConnected;
        failure.description =
            "charger " + id + " is not connected (node " + miss.tried.node + " no longer holds its connection)";
    }
    return step;
}

} // namespace manage::platform::route
