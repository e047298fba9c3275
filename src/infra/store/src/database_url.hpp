#pragma once
#include "manage/infra/database.hpp"

#include <filesystem>

namespace manage::infra::detail {

// What Database::open needs from a URL. Only connect_string holds the password.
struct DatabaseTarget {
    Dialect dialect = Dialect::sqlite;
    std::string connect_string; // SOCI's: "db=..." for SQLite, libpq keyword=value pairs for PostgreSQL
    std::string display;        // the URL with its password masked, for logs and errors
    std::string password;       // to scrub from error messages
    std::filesystem::path sqlite_file;
};

// sqlite://PATH, or postgresql://[user[:password]@]host[:port]/dbname[?param=value&...] (postgres:// too;
// user, password and dbname may be percent-encoded).
Result<DatabaseTarget> parse_database_url(const std::string &url);

// The URL with the password of its user information (scheme://user:password@...) replaced by "***".
std::string mask_password(const std::string &url);

// `text` with every occurrence of `secret` replaced by "***".
std::string redact(std::string text, const std::string &secret);

} // namespace manage::infra::detail
