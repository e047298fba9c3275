#include "manage/ocpp/types.hpp"

#include "manage/common/time_format.hpp"

#include <stdexcept>

namespace manage::ocpp {

std::size_t utf8_length(std::string_view text) {
    std::size_t length = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) // not a continuation byte
            ++length;
    return length;
}

void throw_too_long(std::size_t max_length, std::size_t length) {
    throw std::length_error("string of " + std::to_string(length) + " characters exceeds the limit of " +
                            std::to_string(max_length));
}

std::optional<DateTime> DateTime::parse(std::string_view text) {
    // system_clock counts nanoseconds in 64 bits: about 1677-09-21 to 2262-04-11. manage::parse_time does not
    // check this range (its arithmetic overflows beyond it), so refuse such years here.
    if (text.size() >= 4) {
        int year = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            year = year * 10 + (text[i] - '0');
        }
        if (year < 1678 || year > 2261)
            return std::nullopt;
    }
    if (const auto time = manage::parse_time(text))
        return DateTime(*time);
    return std::nullopt;
}

std::string DateTime::to_string() const {
    return manage::format_time(time_);
}

} // namespace manage::ocpp
