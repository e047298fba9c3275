#pragma once
#include "manage/common/result.hpp"

#include <string>

namespace manage::infra::detail {

// Where a RedisCache connects. Only `password` holds the secret.
struct RedisTarget {
    std::string host;
    int port = 6379;
    std::string user;     // empty: AUTH with the password alone (the default user)
    std::string password; // empty: no AUTH
    int database = 0;
    std::string display; // redis://[user:***@]host:port/db, for logs and errors
};

// redis://[[user]:password@]host[:port][/db]; user and password may be percent-encoded, and the last
// '@' ends them. Errors: bad_cache_url, naming the part that is wrong, with the password masked.
Result<RedisTarget> parse_redis_url(const std::string &url);

} // namespace manage::infra::detail
