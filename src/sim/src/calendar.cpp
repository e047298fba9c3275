#include "calendar.hpp"

namespace manage::sim {

int month_key(TimePoint t) {
    // Days since 1970-01-01 to a civil date: the proleptic Gregorian calendar in 400-year eras
    // (March-based years, so that the leap day ends a year).
    const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    const long long days = (seconds >= 0 ? seconds : seconds - 86'399) / 86'400;
    const long long z = days + 719'468;
    const long long era = (z >= 0 ? z : z - 146'096) / 146'097;
    const long long day_of_era = z - era * 146'097;
    const long long year_of_era = (day_of_era - day_of_era / 1'460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
    const long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const long long month_from_march = (5 * day_of_year + 2) / 153;
    const long long month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
    const long long year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return static_cast<int>(year * 12 + month);
}

} // namespace manage::sim
