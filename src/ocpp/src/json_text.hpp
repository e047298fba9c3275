#pragma once
// JSON text in and out. nlohmann's parser and serialiser are the most expensive templates to instantiate, so
// they are instantiated once, in json_text.cpp, for rpc.cpp and json_io.cpp alike.
#include "manage/ocpp/message.hpp"

#include <string>
#include <string_view>

namespace manage::ocpp {

// The value in `text`, or a discarded value (is_discarded()) when `text` is not JSON. Never throws.
Json parse_json(std::string_view text);

// Compact JSON text; invalid UTF-8 in strings is replaced with U+FFFD instead of throwing.
std::string dump_json(const Json &json);

} // namespace manage::ocpp
