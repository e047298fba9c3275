#pragma once
// Reading and writing the generated OCPP message types (manage/ocpp/v16/..., manage/ocpp/v201/...).
//
//   auto parsed = ocpp::parse<ocpp::v16::BootNotificationRequest>(call.payload);
//   if (auto *violation = std::get_if<ocpp::Violation>(&parsed)) ...   // answer with a CALLERROR
//   Json payload = response;                                         // to_json, found by nlohmann through ADL
//
// Only nlohmann's forward declarations are needed here; the JSON work happens in manage_ocpp's sources.
#include "manage/ocpp/violation.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace manage::ocpp {

using Json = nlohmann::json;

namespace json_io {
class Path;
using ReadFunction = void (*)(const Json &json, Path &path, void *out);
// Runs `read` with an empty path and turns the first schema violation it meets into a value.
std::optional<Violation> run_reader(const Json &json, void *out, ReadFunction read);
} // namespace json_io

// The message (or nested type) in `json`, or the first way in which `json` violates its schema.
template <class T> std::variant<T, Violation> parse(const Json &json) {
    T out{};
    auto violation = json_io::run_reader(
        json, &out, [](const Json &j, json_io::Path &path, void *o) { read_value(j, path, *static_cast<T *>(o)); });
    if (violation)
        return std::move(*violation);
    return out;
}

// Just the check: nullopt when `json` is a valid T.
template <class T> std::optional<Violation> check(const Json &json) {
    T out{};
    return json_io::run_reader(
        json, &out, [](const Json &j, json_io::Path &path, void *o) { read_value(j, path, *static_cast<T *>(o)); });
}

// Generated enums convert to and from their protocol spelling with to_string() and from_string().
template <class E>
requires std::is_enum_v<E> std::optional<E> enum_from_string(std::string_view text) {
    E value{};
    if (from_string(text, value))
        return value;
    return std::nullopt;
}

} // namespace manage::ocpp
