#include "manage/common/config.hpp"

extern char **environ;

namespace manage {

Environment process_environment() {
    Environment env;
    for (char **entry = environ; entry && *entry; ++entry) {
        const std::string text(*entry);
        const auto eq = text.find('=');
        if (eq != std::string::npos)
            env.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
    return env;
}

} // namespace manage
