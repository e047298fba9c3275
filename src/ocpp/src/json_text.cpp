#include "json_text.hpp"

#include <nlohmann/json.hpp>

namespace manage::ocpp {

Json parse_json(std::string_view text) {
    return Json::parse(text, nullptr, /*allow_exceptions=*/false);
}

std::string dump_json(const Json &json) {
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace manage::ocpp
