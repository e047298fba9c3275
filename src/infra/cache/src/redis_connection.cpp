#include "redis_connection.hpp"

#include <poll.h>
#include <sys/time.h>

#include <cerrno>
#include <chrono>
#include <vector>

namespace manage::infra::detail {
namespace {

timeval to_timeval(Duration duration) {
    const auto micros = std::chrono::ceil<std::chrono::microseconds>(duration).count();
    return timeval{static_cast<time_t>(micros / 1'000'000), static_cast<suseconds_t>(micros % 1'000'000)};
}

// The server's error text, which never holds what the client sent; scrubbed anyway in case it did.
std::string redact(std::string text, const std::string &secret) {
    if (secret.empty())
        return text;
    for (auto found = text.find(secret); found != std::string::npos; found = text.find(secret, found + 3))
        text.replace(found, secret.size(), "***");
    return text;
}

// The reason alone: RedisCache::open puts the server's address before it, a reconnecting call the
// operation's.
auto unavailable(const RedisTarget &target, const std::string &reason) {
    return fail("cache_unavailable", redact(reason, target.password));
}

} // namespace

RedisConnection::RedisConnection(redisContext *context, Duration command_timeout)
    : context_(context), command_timeout_(command_timeout) {}

RedisConnection::~RedisConnection() {
    redisFree(context_);
}

Result<std::unique_ptr<RedisConnection>> RedisConnection::open(const RedisTarget &target,
                                                               const RedisCacheOptions &options) {
    auto *context = redisConnectWithTimeout(target.host.c_str(), target.port, to_timeval(options.connect_timeout));
    if (context == nullptr)
        return unavailable(target, "cannot allocate a hiredis context");
    std::unique_ptr<RedisConnection> connection(new RedisConnection(context, options.command_timeout));
    if (context->err != 0)
        return unavailable(target, context->errstr);
    if (redisSetTimeout(context, to_timeval(options.command_timeout)) != REDIS_OK)
        return unavailable(target, std::string("cannot set the command timeout: ") + context->errstr);
    // Keep-alive probes find a peer that vanished without closing (not fatal when refused).
    redisEnableKeepAlive(context);
    try {
        if (!target.password.empty()) {
            const auto reply = target.user.empty() ? connection->execute({"AUTH", target.password})
                                                   : connection->execute({"AUTH", target.user, target.password});
            if (reply->type == REDIS_REPLY_ERROR)
                return unavailable(target, "authentication refused: " + std::string(reply->str, reply->len));
        }
        if (target.database != 0) {
            const auto reply = connection->execute({"SELECT", std::to_string(target.database)});
            if (reply->type == REDIS_REPLY_ERROR)
                return unavailable(target, "cannot select database " + std::to_string(target.database) + ": " +
                                               std::string(reply->str, reply->len));
        }
        if (target.password.empty() && target.database == 0) {
            // Nothing was asked of the server yet: a server that wants a password says so now, not at
            // the first call.
            const auto reply = connection->execute({"PING"});
            if (reply->type == REDIS_REPLY_ERROR)
                return unavailable(target, std::string(reply->str, reply->len));
        }
    } catch (const ConnectionLost &lost) {
        return unavailable(target, lost.what());
    }
    return connection;
}

// redisCommandArgv would do, but it does not tell whether the request left before the failure: the
// request is written here first, then the reply is read.
Reply RedisConnection::execute(std::initializer_list<std::string_view> arguments) {
    std::vector<const char *> argv;
    std::vector<std::size_t> lengths;
    argv.reserve(arguments.size());
    lengths.reserve(arguments.size());
    for (const auto argument : arguments) {
        argv.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()) != REDIS_OK)
        throw ConnectionLost(failure_reason(errno), false);
    int done = 0;
    while (done == 0)
        if (redisBufferWrite(context_, &done) != REDIS_OK)
            throw ConnectionLost(failure_reason(errno), false);
    void *reply = nullptr;
    if (redisGetReply(context_, &reply) != REDIS_OK || reply == nullptr)
        throw ConnectionLost(failure_reason(errno), true);
    return Reply(static_cast<redisReply *>(reply));
}

bool RedisConnection::still_open() const {
    pollfd socket{context_->fd, POLLIN, 0};
    const auto ready = ::poll(&socket, 1, 0);
    return ready == 0 || (ready < 0 && errno == EINTR);
}

std::string RedisConnection::failure_reason(int error_number) const {
    if (context_->err == REDIS_ERR_IO && (error_number == EAGAIN || error_number == EWOULDBLOCK))
        return "no answer within " +
               std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(command_timeout_).count()) + " ms";
    if (context_->err == 0)
        return "the connection failed";
    return context_->errstr;
}

} // namespace manage::infra::detail
