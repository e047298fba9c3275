#include "manage/common/logging.hpp"

#include <fmt/chrono.h>
#include <spdlog/details/os.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace manage {
namespace {

void append_json_escaped(spdlog::memory_buf_t &out, std::string_view text) {
    for (unsigned char c : text) {
        switch (c) {
        case '"':
            out.append(std::string_view("\\\""));
            break;
        case '\\':
            out.append(std::string_view("\\\\"));
            break;
        case '\n':
            out.append(std::string_view("\\n"));
            break;
        case '\r':
            out.append(std::string_view("\\r"));
            break;
        case '\t':
            out.append(std::string_view("\\t"));
            break;
        default:
            if (c < 0x20) {
                fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
    }
}

// One JSON object a line, so that log shippers need no parsing rules.
class JsonFormatter final : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg &msg, spdlog::memory_buf_t &dest) override {
        using namespace std::chrono;
        const auto ms = duration_cast<milliseconds>(msg.time.time_since_epoch()) % 1000;
        const auto tm = spdlog::details::os::gmtime(system_clock::to_time_t(msg.time));
        fmt::format_to(std::back_inserter(dest), "{{\"time\":\"{:%Y-%m-%dT%H:%M:%S}.{:03d}Z\",\"level\":\"", tm,
                       static_cast<int>(ms.count()));
        const auto level = spdlog::level::to_string_view(msg.level);
        dest.append(level.data(), level.data() + level.size());
        dest.append(std::string_view("\",\"logger\":\""));
        append_json_escaped(dest, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
        dest.append(std::string_view("\",\"message\":\""));
        append_json_escaped(dest, std::string_view(msg.payload.data(), msg.payload.size()));
        dest.append(std::string_view("\"}\n"));
    }
    std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

std::mutex g_mutex;
spdlog::level::level_enum g_level = spdlog::level::info;
LogFormat g_format = LogFormat::text;
spdlog::sink_ptr g_sink;

spdlog::sink_ptr sink() {
    if (!g_sink)
        g_sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    return g_sink;
}

void apply_format(spdlog::logger &l) {
    if (g_format == LogFormat::json)
        l.set_formatter(std::make_unique<JsonFormatter>());
    else
        l.set_formatter(std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ [%n] %v",
                                                                    spdlog::pattern_time_type::utc));
    l.set_level(g_level);
}

} // namespace

void init_logging(const std::string &level, LogFormat format) {
    std::lock_guard lock(g_mutex);
    g_level = spdlog::level::from_str(level);
    g_format = format;
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger> &l) { apply_format(*l); });
}

std::shared_ptr<spdlog::logger> logger(const std::string &name) {
    std::lock_guard lock(g_mutex);
    if (auto existing = spdlog::get(name))
        return existing;
    auto created = std::make_shared<spdlog::logger>(name, sink());
    apply_format(*created);
    spdlog::register_logger(created);
    return created;
}

} // namespace manage
