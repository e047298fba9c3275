#pragma once
// What every PostgreSQL integration test needs: the server named by MANAGE_TEST_POSTGRES_URL (the
// suites have no instance without it), and a schema of its own per test, dropped afterwards, so that
// tests may run in parallel against one server. Header-only: the itests link manage_store and soci.
#include "manage/common/ids.hpp"
#include "manage/infra/database.hpp"

#include <soci/soci.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace manage::testing {

inline std::unique_ptr<infra::Database> open_or_throw(const std::string &url, std::size_t pool_size) {
    auto database = infra::Database::open(url, pool_size);
    if (!database)
        throw std::runtime_error(database.error().message);
    return std::move(database).value();
}

// MANAGE_TEST_POSTGRES_URL as the one parameter of a suite, or none when it is unset.
inline std::vector<std::string> postgres_urls() {
    const char *url = std::getenv("MANAGE_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0')
        return {};
    return {url};
}

// A schema of its own on the server, which every session opened through url() uses.
class PostgresSchema {
public:
    PostgresSchema(std::string server_url, const std::string &prefix)
        : server_url_(std::move(server_url)), name_(prefix + "_" + new_short_id()) {
        run("CREATE SCHEMA " + name_);
    }
    ~PostgresSchema() { run("DROP SCHEMA " + name_ + " CASCADE"); }
    PostgresSchema(const PostgresSchema &) = delete;
    PostgresSchema &operator=(const PostgresSchema &) = delete;

    std::string url() const {
        const auto separator = server_url_.find('?') == std::string::npos ? "?" : "&";
        return server_url_ + separator + "options=-c%20search_path%3D" + name_;
    }

private:
    void run(const std::string &statement) {
        open_or_throw(server_url_, 1)->with_session([&](soci::session &sql) { sql << statement; });
    }

    std::string server_url_;
    std::string name_;
};

} // namespace manage::testing
