#pragma once
// Small helpers shared by the SQL repositories: times as BIGINT milliseconds, nullable columns.
#include "manage/common/clock.hpp"

#include <soci/soci.h>

#include <optional>

namespace manage::core::sql {

inline long long to_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

inline TimePoint from_ms(long long ms) {
    return TimePoint{std::chrono::milliseconds{ms}};
}

// A nullable value to bind with soci::use(value, indicator).
template <class T> struct Nullable {
    T value{};
    soci::indicator indicator = soci::i_null;
};

template <class T, class U> Nullable<T> nullable(const std::optional<U> &v) {
    return v ? Nullable<T>{static_cast<T>(*v), soci::i_ok} : Nullable<T>{};
}

inline Nullable<long long> nullable_ms(const std::optional<TimePoint> &t) {
    return t ? Nullable<long long>{to_ms(*t), soci::i_ok} : Nullable<long long>{};
}

inline std::optional<TimePoint> optional_time(const soci::row &row, std::size_t column) {
    if (row.get_indicator(column) != soci::i_ok)
        return std::nullopt;
    return from_ms(row.get<long long>(column));
}

template <class T> std::optional<T> optional_value(const soci::row &row, std::size_t column) {
    if (row.get_indicator(column) != soci::i_ok)
        return std::nullopt;
    return row.get<T>(column);
}

} // namespace manage::core::sql
