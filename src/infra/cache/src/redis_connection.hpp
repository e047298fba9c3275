#pragma once
#include "redis_url.hpp"

#include "manage/infra/redis_cache.hpp"

#include <hiredis/hiredis.h>

#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace manage::infra::detail {

struct ReplyDeleter {
    void operator()(redisReply *reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

// A connection failed during a command: it is unusable from then on. `request_sent` tells whether the
// whole request had reached the socket, so that the server may have run the command.
class ConnectionLost : public std::runtime_error {
public:
    ConnectionLost(const std::string &reason, bool request_sent)
        : std::runtime_error(reason), request_sent_(request_sent) {}
    bool request_sent() const { return request_sent_; }

private:
    bool request_sent_;
};

// One blocking hiredis connection, authenticated and on the target's database.
class RedisConnection {
public:
    // Errors: cache_unavailable, whose message is the reason alone (never the password).
    static Result<std::unique_ptr<RedisConnection>> open(const RedisTarget &target, const RedisCacheOptions &options);
    ~RedisConnection();
    RedisConnection(const RedisConnection &) = delete;
    RedisConnection &operator=(const RedisConnection &) = delete;

    // Sends one command (binary-safe arguments) and waits for its reply, which may be an error reply.
    // Throws ConnectionLost when the socket fails or no reply comes within the command timeout.
    Reply execute(std::initializer_list<std::string_view> arguments);
    // False when the socket has something to read while no command is outstanding: the server closed
    // the connection (or reset it) while it sat in the pool. Costs one poll(2), no round trip.
    bool still_open() const;

private:
    RedisConnection(redisContext *context, Duration command_timeout);
    std::string failure_reason(int error_number) const;

    redisContext *context_;
    Duration command_timeout_;
};

} // namespace manage::infra::detail
