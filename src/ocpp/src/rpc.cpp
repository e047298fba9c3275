#include "manage/ocpp/rpc.hpp"
#include "manage/ocpp/types.hpp"

#include "json_text.hpp"

#include <cstdint>

namespace manage::ocpp {
namespace {

constexpr std::size_t kMaxMessageIdLength = 36; // OCPP-J 1.6 §4.1.4, OCPP 2.0.1 Part 4 §4.2.1
constexpr std::size_t kMaxNesting = 64;         // far beyond any OCPP payload; bounds recursion downstream

enum MessageTypeId : std::int64_t { kCall = 2, kCallResult = 3, kCallError = 4 };

// Nesting depth of JSON text, ignoring brackets inside strings; stops counting once past `limit`.
std::size_t nesting_depth(std::string_view text, std::size_t limit) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit)
                return deepest;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

FrameProblem problem(std::optional<std::string> id, RpcError error, std::string description) {
    return FrameProblem{std::move(id), error, std::move(description)};
}

std::string dump(const Json &json) {
    return dump_json(json);
}

std::variant<Frame, FrameProblem> parse_array(const Json &frame, Version version) {
    // From here on an id is reported whenever element [1] is a string, so the peer can match the CALLERROR.
    std::optional<std::string> id;
    if (frame.size() >= 2 && frame[1].is_string())
        id = frame[1].get<std::string>();

    if (frame.empty() || !frame[0].is_number_integer())
        return problem(id, RpcError::ProtocolError, "element 0 (MessageTypeId) must be an integer");
    if (!id)
        return problem(std::nullopt, RpcError::ProtocolError, "element 1 (MessageId) must be a string");
    if (utf8_length(*id) > kMaxMessageIdLength)
        return problem(id, RpcError::ProtocolError, "MessageId is longer than 36 characters");

    const auto type = frame[0].is_number_unsigned() && frame[0].get<std::uint64_t>() > 1000
                          ? std::int64_t{-1}
                          : frame[0].get<std::int64_t>();
    const auto expect_size = [&](std::size_t size, std::string_view what) -> std::optional<FrameProblem> {
        if (frame.size() == size)
            return std::nullopt;
        return problem(id, RpcError::ProtocolError,
                       std::string(what) + " must have " + std::to_string(size) + " elements, got " +
                           std::to_string(frame.size()));
    };

    switch (type) {
    case kCall: {
        if (auto p = expect_size(4, "a CALL"))
            return std::move(*p);
        if (!frame[2].is_string())
            return problem(id, RpcError::ProtocolError, "element 2 (Action) of a CALL must be a string");
        return Frame{Call{std::move(*id), frame[2].get<std::string>(), frame[3]}};
    }
    case kCallResult: {
        if (auto p = expect_size(3, "a CALLRESULT"))
            return std::move(*p);
        return Frame{CallResult{std::move(*id), frame[2]}};
    }
    case kCallError: {
        if (auto p = expect_size(5, "a CALLERROR"))
            return std::move(*p);
        if (!frame[2].is_string())
            return problem(id, RpcError::ProtocolError, "element 2 (ErrorCode) of a CALLERROR must be a string");
        if (!frame[3].is_string())
            return problem(id, RpcError::ProtocolError, "element 3 (ErrorDescription) of a CALLERROR must be a string");
        if (!frame[4].is_object())
            return problem(id, RpcError::ProtocolError, "element 4 (ErrorDetails) of a CALLERROR must be an object");
        return Frame{CallError{std::move(*id), frame[2].get<std::string>(), frame[3].get<std::string>(), frame[4]}};
    }
    default:
        // 2.0.1 has a code for this; 1.6 does not, and its NotSupported is about actions (see docs/ocpp-codegen.md).
        return problem(id, version == Version::v201 ? RpcError::MessageTypeNotSupported : RpcError::ProtocolError,
                       "MessageTypeId " + dump(frame[0]) + " is not supported");
    }
}

} // namespace

std::variant<Frame, FrameProblem> parse_frame(std::string_view text, Version version) {
    try {
        if (nesting_depth(text, kMaxNesting) > kMaxNesting)
            return problem(std::nullopt, RpcError::ProtocolError, "JSON nested deeper than 64 levels");
        const Json frame = parse_json(text);
        if (frame.is_discarded())
            return problem(std::nullopt, RpcError::ProtocolError, "not valid JSON");
        if (!frame.is_array())
            return problem(std::nullopt, RpcError::ProtocolError, "an RPC frame must be a JSON array");
        return parse_array(frame, version);
    } catch (const std::exception &e) {
        // Not expected (nlohmann is used without exceptions above); memory exhaustion is the one way here.
        return problem(std::nullopt, RpcError::InternalError, std::string("cannot read frame: ") + e.what());
    }
}

std::string serialize(const Call &call) {
    return dump(Json::array({static_cast<int>(kCall), call.message_id, call.action, call.payload}));
}

std::string serialize(const CallResult &result) {
    return dump(Json::array({static_cast<int>(kCallResult), result.message_id, result.payload}));
}

std::string serialize(const CallError &error) {
    // ErrorDetails must be an object; anything else (e.g. a default-constructed null) goes out as {}.
    const Json details = error.details.is_object() ? error.details : Json::object();
    return dump(
        Json::array({static_cast<int>(kCallError), error.message_id, error.error_code, error.description, details}));
}

} // namespace manage::ocpp
