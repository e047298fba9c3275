#pragma once
// What the generated readers and writers are made of. Every JSON operation is a non-template function defined
// in json_io.cpp, so the generated sources need only nlohmann's forward declarations and compile quickly; the
// templates here just dispatch on the C++ type of a field.
//
// Readers throw SchemaError at the first violation; json_io::run_reader (message.hpp) catches it. The path is
// kept as a JSON pointer while descending, so the error carries the location of the offending value.
#include "manage/ocpp/message.hpp"
#include "manage/ocpp/types.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manage::ocpp::json_io {

class Path {
public:
    const std::string &pointer() const { return pointer_; }
    std::size_t mark() const { return pointer_.size(); }
    void reset(std::size_t mark) { pointer_.resize(mark); }
    void push(std::string_view key);
    void push(std::size_t index);

private:
    std::string pointer_;
};

// Appends a reference token for its lifetime.
class PathScope {
public:
    template <class Token> PathScope(Path &path, Token token) : path_(path), mark_(path.mark()) { path.push(token); }
    ~PathScope() { path_.reset(mark_); }
    PathScope(const PathScope &) = delete;
    PathScope &operator=(const PathScope &) = delete;

private:
    Path &path_;
    std::size_t mark_;
};

class SchemaError : public std::exception {
public:
    explicit SchemaError(Violation violation) : violation_(std::move(violation)) {}
    const char *what() const noexcept override { return violation_.description.c_str(); }
    const Violation &violation() const { return violation_; }

private:
    Violation violation_;
};

[[noreturn]] void fail(const Path &path, RpcError error, std::string description);

// Constraints of a field beyond its C++ type (JSON Schema minimum, maximum, multipleOf, minItems, maxItems,
// format "uri").
struct Limits {
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::optional<double> multiple_of;
    std::optional<std::size_t> min_items;
    std::optional<std::size_t> max_items;
    bool uri = false;
};

// ---- scalars -------------------------------------------------------------------------------------------------

void read_value(const Json &json, Path &path, std::int32_t &out);
void read_value(const Json &json, Path &path, double &out);
void read_value(const Json &json, Path &path, bool &out);
void read_value(const Json &json, Path &path, std::string &out);
void read_value(const Json &json, Path &path, DateTime &out);
void read_value(const Json &json, Path &path, JsonText &out);
std::string read_string(const Json &json, Path &path, std::size_t max_length);
// The text of an enum value; the generated reader looks it up and calls fail_enum when it is not a member.
const std::string &read_enum_text(const Json &json, Path &path);
[[noreturn]] void fail_enum(const Path &path, std::string_view text, std::string_view type_name);

template <std::size_t N> void read_value(const Json &json, Path &path, CiString<N> &out) {
    out = CiString<N>(read_string(json, path, N));
}

void check_limits(const Path &path, double value, const Limits &limits);
void check_limits(const Path &path, const std::string &value, const Limits &limits);
template <class T> void check_limits(const Path &, const T &, const Limits &) {}

void write_value(Json &json, std::int32_t value);
void write_value(Json &json, double value);
void write_value(Json &json, bool value);
void write_value(Json &json, std::string_view value);
void write_value(Json &json, const DateTime &value);
void write_value(Json &json, const JsonText &value);
template <std::size_t N> void write_value(Json &json, const CiString<N> &value) {
    write_value(json, std::string_view(value.str()));
}

// ---- arrays --------------------------------------------------------------------------------------------------

// Checks that `json` is an array within the limits and returns its size.
std::size_t array_size(const Json &json, Path &path, const Limits &limits);
const Json &array_element(const Json &json, std::size_t index);
Json &make_array(Json &json, std::size_t size); // `json` becomes an array of `size` nulls
Json &array_element(Json &json, std::size_t index);

template <class T> void read_field(const Json &json, Path &path, T &out, const Limits &limits) {
    read_value(json, path, out);
    if constexpr (std::is_same_v<T, std::int32_t> || std::is_same_v<T, double>)
        check_limits(path, static_cast<double>(out), limits);
    else
        check_limits(path, out, limits);
}

template <class T> void read_field(const Json &json, Path &path, std::vector<T> &out, const Limits &limits) {
    const std::size_t size = array_size(json, path, limits);
    out.resize(size);
    for (std::size_t i = 0; i < size; ++i) {
        PathScope scope(path, i);
        read_value(array_element(json, i), path, out[i]);
    }
}

template <class T> void write_field(Json &json, const T &value) {
    write_value(json, value);
}

template <class T> void write_field(Json &json, const std::vector<T> &values) {
    make_array(json, values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        write_value(array_element(json, i), values[i]);
}

// ---- objects -------------------------------------------------------------------------------------------------

struct ObjectShape {
    std::string_view type_name;
    std::span<const std::string_view> properties; // in schema order
    std::span<const std::string_view> required;
    bool closed; // additionalProperties: false
};

// Checks, in this order, that `json` is an object, that it has no undeclared member when the object is closed,
// and that every required member is there; fields are then read in schema order.
class ObjectReader {
public:
    ObjectReader(const Json &json, Path &path, const ObjectShape &shape);

    template <class T> void field(std::string_view key, T &out, const Limits &limits = {}) {
        if (const Json *member = find(key)) {
            PathScope scope(path_, key);
            read_field(*member, path_, out, limits);
        }
    }

    template <class T> void field(std::string_view key, std::optional<T> &out, const Limits &limits = {}) {
        if (const Json *member = find(key)) {
            PathScope scope(path_, key);
            read_field(*member, path_, out.emplace(), limits);
        }
    }

    void extra(ExtraProperties &out) const;

private:
    const Json *find(std::string_view key) const;

    const Json &json_;
    Path &path_;
    const ObjectShape &shape_;
};

class ObjectWriter {
public:
    explicit ObjectWriter(Json &json); // `json` becomes an empty object

    template <class T> void field(std::string_view key, const T &value) { write_field(member(key), value); }
    template <class T> void field(std::string_view key, const std::optional<T> &value) {
        if (value)
            write_field(member(key), *value);
    }
    void extra(const ExtraProperties &values);

private:
    Json &member(std::string_view key);

    Json &json_;
};

} // namespace manage::ocpp::json_io
