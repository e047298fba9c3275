#pragma once
// Value types the generated OCPP messages are made of: bounded strings and date-times. No JSON library here:
// domain code builds and reads messages through these headers only.
#include <chrono>
#include <compare>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace manage::ocpp {

// Number of Unicode code points in UTF-8 text: what JSON Schema's maxLength counts.
std::size_t utf8_length(std::string_view text);

[[noreturn]] void throw_too_long(std::size_t max_length, std::size_t length);

// A string of at most N characters (OCPP's CiStringNType, and every schema string with a maxLength). Building
// one from a longer string is refused: the constructors throw std::length_error (a bug in our own code), and
// from() returns nullopt (for untrusted text). Equality is exact; OCPP 1.6 identifiers compare without regard
// to case, which equals_ignore_case() does.
template <std::size_t N> class CiString {
public:
    static constexpr std::size_t max_length = N;

    CiString() = default;
    CiString(std::string value) : value_(std::move(value)) { check(); }
    CiString(std::string_view value) : value_(value) { check(); }
    CiString(const char *value) : value_(value) { check(); }

    static std::optional<CiString> from(std::string_view value) {
        if (utf8_length(value) > N)
            return std::nullopt;
        return CiString(value);
    }

    const std::string &str() const { return value_; }
    operator std::string_view() const { return value_; }
    bool empty() const { return value_.empty(); }

    bool equals_ignore_case(std::string_view other) const {
        if (other.size() != value_.size())
            return false;
        for (std::size_t i = 0; i < other.size(); ++i)
            if (lower(other[i]) != lower(value_[i]))
                return false;
        return true;
    }

    friend bool operator==(const CiString &, const CiString &) = default;
    friend auto operator<=>(const CiString &, const CiString &) = default;
    // One overload per kind of text, so that no comparison needs a converting constructor (which would make
    // `tag == "abc"` ambiguous).
    friend bool operator==(const CiString &a, std::string_view b) { return a.value_ == b; }
    friend bool operator==(const CiString &a, const std::string &b) { return a.value_ == b; }
    friend bool operator==(const CiString &a, const char *b) { return a.value_ == b; }

private:
    static char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
    void check() const {
        if (value_.size() > N) { // bytes >= code points: only then is counting needed
            if (const auto length = utf8_length(value_); length > N)
                throw_too_long(N, length);
        }
    }

    std::string value_;
};

// An OCPP dateTime (RFC 3339). Parsed with manage::parse_time, written with manage::format_time (UTC,
// milliseconds), so precision below a millisecond is not kept.
class DateTime {
public:
    DateTime() = default;
    using TimePoint = std::chrono::system_clock::time_point; // manage::TimePoint, without all of clock.hpp

    explicit DateTime(TimePoint time) : time_(time) {}

    static std::optional<DateTime> parse(std::string_view text);
    std::string to_string() const;

    TimePoint time_point() const { return time_; }

    friend bool operator==(const DateTime &, const DateTime &) = default;
    friend auto operator<=>(const DateTime &, const DateTime &) = default;

private:
    TimePoint time_{};
};

// A value whose schema leaves it open (no "type", as 2.0.1 DataTransfer's data), as compact JSON text: `"text"`
// for a string, `{"a":1}` for an object.
struct JsonText {
    std::string text = "null";

    friend bool operator==(const JsonText &, const JsonText &) = default;
};

// Members an open object (one whose schema does not set additionalProperties to false) carried beyond its
// declared properties, by name, each as compact JSON text. Kept so that forwarding a message loses nothing.
using ExtraProperties = std::map<std::string, std::string, std::less<>>;

} // namespace manage::ocpp
