#pragma once
// Commands between nodes, the pure part: the charger → node registry's keys and values, the command
// and reply messages on the Bus, and what the core does when an attempt finds no answer. See
// docs/architecture.md, "Running services apart".
#include "manage/common/clock.hpp"
#include "manage/core/charger_commands.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace manage::platform::route {

// Cache keys: the node holding a charger's connection ("<node>|<epoch>"), and the counter each new
// connection takes its fencing epoch from.
std::string node_key(std::string_view charger_id);
std::string epoch_key(std::string_view charger_id);
// Bus: the topic a node's commands are published on and the queue it consumes them from; the same
// for the replies to a core node.
std::string command_topic(std::string_view node);
std::string command_queue(std::string_view node);
std::string reply_topic(std::string_view node);
std::string reply_queue(std::string_view node);

// A node's claim on a charger's connection: the value of node_key.
struct Claim {
    std::string node;
    std::int64_t epoch = 0;
    bool operator==(const Claim &) const = default;
};
std::string format_claim(const Claim &claim);
// nullopt for anything but "<node>|<positive epoch>" with a non-empty node.
std::optional<Claim> parse_claim(std::string_view text);

// A command on its way to the node holding the charger.
struct RoutedCommand {
    std::string request_id;
    std::string charger_id;
    std::int64_t epoch = 0; // the claim's epoch the sender saw: the node refuses any other
    std::string action;
    nlohmann::json payload;
    std::string reply_topic;
    TimePoint expires_at{}; // a node that takes it later drops it
};
std::string encode_command(const RoutedCommand &command);
std::optional<RoutedCommand> decode_command(std::string_view text);

// The node's answer: the charger's (core::CommandResult's fields), or "not here" when the node no
// longer holds the connection that epoch names.
struct RoutedReply {
    std::string request_id;
    bool not_here = false;
    core::CommandResult result;
};
std::string encode_reply(const RoutedReply &reply);
std::optional<RoutedReply> decode_reply(std::string_view text);

// After an attempt sent under `tried` got "not here" or no answer, and the registry now holds `now`:
// resend to the new claim when the charger reconnected since (a newer epoch), else give up.
struct Miss {
    bool timed_out = false; // no answer at all (else: "not here")
    Claim tried;
    std::optional<Claim> now;
    int attempts = 1; // made so far
};
struct NextStep {
    std::optional<Claim> resend_to; // none: fail with `failure`
    core::CommandResult failure;
};
NextStep after_miss(const Miss &miss, int max_attempts, std::string_view charger_id);

} // namespace manage::platform::route
