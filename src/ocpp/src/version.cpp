#include "manage/ocpp/version.hpp"

namespace manage::ocpp {

std::string_view subprotocol(Version version) {
    return version == Version::v16 ? "ocpp1.6" : "ocpp2.0.1";
}

std::optional<Version> version_from_subprotocol(std::string_view name) {
    if (name == "ocpp1.6")
        return Version::v16;
    if (name == "ocpp2.0.1")
        return Version::v201;
    return std::nullopt;
}

std::string_view version_label(Version version) {
    return version == Version::v16 ? "1.6" : "2.0.1";
}

} // namespace manage::ocpp
