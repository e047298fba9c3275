#pragma once
#include "manage/common/config.hpp"
#include "manage/platform/platform.hpp"

#include <optional>
#include <string>

namespace manage::app {

// Loads the configuration and sets up logging; prints the problem and returns nullopt when invalid.
std::optional<Config> load_or_report(const std::optional<std::string> &config_file);

int run_services(const Config &config, platform::Services services, int threads);
int run_migrate(const Config &config);

} // namespace manage::app
