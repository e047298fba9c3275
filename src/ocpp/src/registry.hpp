#pragma once
// Per-version tables from action name to the validators of its request and response, generated into
// src/ocpp/generated/src/v*/registry.cpp and sorted by action.
#include "manage/ocpp/message.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace manage::ocpp::registry {

using Validator = std::optional<Violation> (*)(const Json &payload);

struct ActionEntry {
    std::string_view action;
    Validator request;
    Validator response;
};

std::span<const ActionEntry> v16();
std::span<const ActionEntry> v201();

} // namespace manage::ocpp::registry
