#pragma once
// What a kept part of a monitoring report or a display messages report holds until its report is complete:
// its monitors or messages as JSON text (station_report_parts.content). Customer information parts hold
// the data itself.
#include "manage/core/station_report_types.hpp"

#include <string>
#include <vector>

namespace manage::core::sql {

std::string monitors_to_text(const std::vector<VariableMonitor> &monitors);
std::vector<VariableMonitor> monitors_from_text(const std::string &text);
std::string messages_to_text(const std::vector<DisplayMessage> &messages);
std::vector<DisplayMessage> messages_from_text(const std::string &text);

} // namespace manage::core::sql
