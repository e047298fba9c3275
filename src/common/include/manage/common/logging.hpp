#pragma once
#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace manage {

enum class LogFormat { text, json };

// Configures every logger: level (trace … critical, off) and text or JSON lines on stderr.
void init_logging(const std::string &level, LogFormat format);

// The named logger of one context ("http", "connect", "core", …), created on first use.
std::shared_ptr<spdlog::logger> logger(const std::string &name);

} // namespace manage
