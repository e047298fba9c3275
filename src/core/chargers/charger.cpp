#include "manage/core/charger.hpp"

namespace manage::core {

std::string to_string(Registration registration) {
    switch (registration) {
    case Registration::Accepted:
        return "Accepted";
    case Registration::Pending:
        return "Pending";
    case Registration::Rejected:
        return "Rejected";
    }
    return "Rejected";
}

std::optional<Registration> registration_from_string(const std::string &text) {
    if (text == "Accepted")
        return Registration::Accepted;
    if (text == "Pending")
        return Registration::Pending;
    if (text == "Rejected")
        return Registration::Rejected;
    return std::nullopt;
}

bool is_valid_charger_id(const std::string &id) {
    if (id.empty() || id.size() > 48)
        return false;
    for (unsigned char c : id)
        if (c < 0x21 || c > 0x7E || c == '/')
            return false;
    return true;
}

} // namespace manage::core
