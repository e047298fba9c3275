#include "manage/core/identity.hpp"

namespace manage::core {

std::string_view to_string(Role role) {
    switch (role) {
    case Role::Viewer:
        return "viewer";
    case Role::Operator:
        return "operator";
    case Role::Admin:
        return "admin";
    }
    return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "viewer")
        return Role::Viewer;
    if (text == "operator")
        return Role::Operator;
    if (text == "admin")
        return Role::Admin;
    return std::nullopt;
}

} // namespace manage::core
