#include "json_io.hpp"
#include "json_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace manage::ocpp::json_io {
namespace {

std::string_view type_name(const Json &json) {
    switch (json.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return "an integer";
    case Json::value_t::number_float:
        return "a number";
    default:
        return "an unsupported value";
    }
}

[[noreturn]] void fail_type(const Path &path, const Json &json, std::string_view expected) {
    fail(path, RpcError::TypeConstraintViolation,
         std::string("expected ").append(expected).append(", got ").append(type_name(json)));
}

std::string format_number(double value) {
    return dump_json(Json(value));
}

std::string compact(const Json &json) {
    return dump_json(json);
}

// JSON text back into a value; text that is not JSON (a bug in whoever made it) becomes null.
Json from_text(const std::string &text) {
    Json json = parse_json(text);
    return json.is_discarded() ? Json() : json;
}

bool contains(std::span<const std::string_view> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

std::optional<Violation> run_reader(const Json &json, void *out, ReadFunction read) {
    Path path;
    try {
        read(json, path, out);
    } catch (const SchemaError &error) {
        return error.violation();
    }
    return std::nullopt;
}

void Path::push(std::string_view key) {
    pointer_ += '/';
    for (const char c : key) {
        if (c == '~')
            pointer_ += "~0";
        else if (c == '/')
            pointer_ += "~1";
        else
            pointer_ += c;
    }
}

void Path::push(std::size_t index) {
    pointer_ += '/';
    pointer_ += std::to_string(index);
}

void fail(const Path &path, RpcError error, std::string description) {
    throw SchemaError(Violation{error, path.pointer(), std::move(description)});
}

void read_value(const Json &json, Path &path, std::int32_t &out) {
    // OCPP's integer is 32 bits wide (OCPP-J 1.6 and 2.0.1 Part 2, "integer"). Like JSON Schema draft 6 and
    // later, a number with a zero fraction (2.0) counts as an integer; 1.5 does not.
    constexpr auto lowest = std::numeric_limits<std::int32_t>::min();
    constexpr auto highest = std::numeric_limits<std::int32_t>::max();
    if (json.is_number_integer()) { // signed or unsigned
        if (json.is_number_unsigned()) {
            const auto value = json.get<std::uint64_t>();
            if (value > static_cast<std::uint64_t>(highest))
                fail(path, RpcError::TypeConstraintViolation, "integer " + std::to_string(value) + " exceeds 32 bits");
            out = static_cast<std::int32_t>(value);
            return;
        }
        const auto value = json.get<std::int64_t>();
        if (value < lowest || value > highest)
            fail(path, RpcError::TypeConstraintViolation, "integer " + std::to_string(value) + " exceeds 32 bits");
        out = static_cast<std::int32_t>(value);
        return;
    }
    if (json.is_number_float()) {
        const auto value = json.get<double>();
        if (std::isfinite(value) && std::trunc(value) == value && value >= lowest && value <= highest) {
            out = static_cast<std::int32_t>(value);
            return;
        }
        fail(path, RpcError::TypeConstraintViolation, "expected an integer, got " + format_number(value));
    }
    fail_type(path, json, "an integer");
}

void read_value(const Json &json, Path &path, double &out) {
    if (!json.is_number())
        fail_type(path, json, "a number");
    out = json.get<double>();
}

void read_value(const Json &json, Path &path, bool &out) {
    if (!json.is_boolean())
        fail_type(path, json, "a boolean");
    out = json.get<bool>();
}

void read_value(const Json &json, Path &path, std::string &out) {
    if (!json.is_string())
        fail_type(path, json, "a string");
    out = json.get_ref<const std::string &>();
}

void read_value(const Json &json, Path &path, DateTime &out) {
    if (!json.is_string())
        fail_type(path, json, "a date-time string");
    const auto &text = json.get_ref<const std::string &>();
    const auto parsed = DateTime::parse(text);
    if (!parsed)
        fail(path, RpcError::PropertyConstraintViolation, "'" + text + "' is not an RFC 3339 date-time");
    out = *parsed;
}

void read_value(const Json &json, Path &, JsonText &out) {
    out.text = compact(json);
}

std::string read_string(const Json &json, Path &path, std::size_t max_length) {
    if (!json.is_string())
        fail_type(path, json, "a string");
    const auto &text = json.get_ref<const std::string &>();
    if (text.size() > max_length) {
        if (const auto length = utf8_length(text); length > max_length)
            fail(path, RpcError::PropertyConstraintViolation,
                 "string of " + std::to_string(length) + " characters exceeds maxLength " + std::to_string(max_length));
    }
    return text;
}

const std::string &read_enum_text(const Json &json, Path &path) {
    if (!json.is_string())
        fail_type(path, json, "a string");
    return json.get_ref<const std::string &>();
}

void fail_enum(const Path &path, std::string_view text, std::string_view type_name) {
    fail(path, RpcError::PropertyConstraintViolation,
         "'" + std::string(text) + "' is not a value of " + std::string(type_name));
}

void check_limits(const Path &path, double value, const Limits &limits) {
    if (limits.minimum && value < *limits.minimum)
        fail(path, RpcError::PropertyConstraintViolation,
             format_number(value) + " is below the minimum " + format_number(*limits.minimum));
    if (limits.maximum && value > *limits.maximum)
        fail(path, RpcError::PropertyConstraintViolation,
             format_number(value) + " is above the maximum " + format_number(*limits.maximum));
    if (limits.multiple_of) {
        // Decimal steps such as 0.1 have no exact binary value: compare the quotient with a tolerance.
        const double quotient = value / *limits.multiple_of;
        if (!std::isfinite(quotient) ||
            std::abs(quotient - std::round(quotient)) > 1e-9 * std::max(1.0, std::abs(quotient)))
            fail(path, RpcError::PropertyConstraintViolation,
                 format_number(value) + " is not a multiple of " + format_number(*limits.multiple_of));
    }
}

void check_limits(const Path &path, const std::string &value, const Limits &limits) {
    if (!limits.uri)
        return;
    // RFC 3986: a URI starts with a scheme, ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'.
    const auto colon = value.find(':');
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    bool ok = colon != std::string::npos && colon > 0 && alpha(value[0]);
    for (std::size_t i = 1; ok && i < colon; ++i) {
        const char c = value[i];
        ok = alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    }
    for (const char c : value)
        ok = ok && static_cast<unsigned char>(c) > ' ';
    if (!ok)
        fail(path, RpcError::PropertyConstraintViolation, "'" + value + "' is not a URI");
}

void write_value(Json &json, std::int32_t value) {
    json = value;
}
void write_value(Json &json, double value) {
    json = value;
}
void write_value(Json &json, bool value) {
    json = value;
}
void write_value(Json &json, std::string_view value) {
    json = value;
}
void write_value(Json &json, const DateTime &value) {
    json = value.to_string();
}
void write_value(Json &json, const JsonText &value) {
    json = from_text(value.text);
}

std::size_t array_size(const Json &json, Path &path, const Limits &limits) {
    if (!json.is_array())
        fail_type(path, json, "an array");
    const std::size_t size = json.size();
    if (limits.min_items && size < *limits.min_items)
        fail(path, RpcError::OccurrenceConstraintViolation,
             "array has " + std::to_string(size) + " items, fewer than minItems " + std::to_string(*limits.min_items));
    if (limits.max_items && size > *limits.max_items)
        fail(path, RpcError::OccurrenceConstraintViolation,
             "array has " + std::to_string(size) + " items, more than maxItems " + std::to_string(*limits.max_items));
    return size;
}

const Json &array_element(const Json &json, std::size_t index) {
    return json[index];
}

Json &make_array(Json &json, std::size_t size) {
    json = Json::array();
    json.get_ref<Json::array_t &>().resize(size);
    return json;
}

Json &array_element(Json &json, std::size_t index) {
    return json[index];
}

ObjectReader::ObjectReader(const Json &json, Path &path, const ObjectShape &shape)
    : json_(json), path_(path), shape_(shape) {
    // A payload that is not an object is malformed as a whole (FormationViolation); a nested value of the wrong
    // JSON type is a TypeConstraintViolation like any other.
    if (!json.is_object())
        fail(path, path.pointer().empty() ? RpcError::FormationViolation : RpcError::TypeConstraintViolation,
             std::string(shape.type_name) + " must be an object, got " + std::string(type_name(json)));
    if (shape.closed) {
        for (const auto &[key, value] : json.items()) {
            if (!contains(shape.properties, key)) {
                PathScope scope(path, std::string_view(key));
                fail(path, RpcError::FormationViolation,
                     "property '" + key + "' is not defined for " + std::string(shape.type_name));
            }
        }
    }
    for (const auto key : shape.required) {
        if (!json.contains(key))
            fail(path, RpcError::OccurrenceConstraintViolation,
                 "required property '" + std::string(key) + "' is missing");
    }
}

const Json *ObjectReader::find(std::string_view key) const {
    const auto it = json_.find(key);
    return it == json_.end() ? nullptr : &*it;
}

void ObjectReader::extra(ExtraProperties &out) const {
    out.clear();
    for (const auto &[key, value] : json_.items())
        if (!contains(shape_.properties, key))
            out.emplace(key, compact(value));
}

ObjectWriter::ObjectWriter(Json &json) : json_(json) {
    json_ = Json::object();
}

Json &ObjectWriter::member(std::string_view key) {
    return json_[key];
}

void ObjectWriter::extra(const ExtraProperties &values) {
    for (const auto &[key, text] : values) {
        if (json_.contains(key))
            continue; // a declared property wins over an extra of the same name
        json_[key] = from_text(text);
    }
}

} // namespace manage::ocpp::json_io
