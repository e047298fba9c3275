#include "redis_test_support.hpp"

#include "redis_url.hpp"

#include "manage/testing/eventually.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace manage::infra::testing {
namespace {

using namespace std::chrono_literals;

detail::RedisTarget parse_or_throw(const std::string &url) {
    auto target = detail::parse_redis_url(url);
    if (!target)
        throw std::runtime_error(target.error().message);
    return std::move(target).value();
}

// A port the kernel hands out for loopback now; free again when this returns.
int free_loopback_port() {
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    const bool bound = socket >= 0 && ::bind(socket, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
                       ::getsockname(socket, reinterpret_cast<sockaddr *>(&address), &length) == 0;
    if (socket >= 0)
        ::close(socket);
    if (!bound)
        throw std::runtime_error("cannot find a free loopback port");
    return ntohs(address.sin_port);
}

} // namespace

std::vector<std::string> redis_urls() {
    const char *url = std::getenv("MANAGE_TEST_REDIS_URL");
    if (url == nullptr || *url == '\0')
        return {};
    return {url};
}

std::unique_ptr<RedisCache> open_or_throw(const std::string &url, RedisCacheOptions options) {
    auto cache = RedisCache::open(url, options);
    if (!cache)
        throw std::runtime_error(cache.error().message);
    return std::move(cache).value();
}

RedisClient::RedisClient(const std::string &host, int port)
    : context_(redisConnectWithTimeout(host.c_str(), port, timeval{5, 0})) {
    if (context_ == nullptr || context_->err != 0) {
        const std::string reason = context_ == nullptr ? "out of memory" : context_->errstr;
        redisFree(context_);
        throw std::runtime_error("cannot connect to " + host + ":" + std::to_string(port) + ": " + reason);
    }
    redisSetTimeout(context_, timeval{5, 0});
}

RedisClient::~RedisClient() {
    redisFree(context_);
}

RedisReply RedisClient::command(std::initializer_list<std::string> arguments) {
    std::vector<const char *> argv;
    std::vector<std::size_t> lengths;
    for (const auto &argument : arguments) {
        argv.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    auto *reply = redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data());
    if (reply == nullptr)
        throw std::runtime_error(std::string("redis connection failed: ") + context_->errstr);
    return RedisReply(static_cast<redisReply *>(reply));
}

std::string RedisClient::text(std::initializer_list<std::string> arguments) {
    const auto reply = command(arguments);
    if (reply->type != REDIS_REPLY_STATUS && reply->type != REDIS_REPLY_STRING)
        throw std::runtime_error("unexpected reply to " + *arguments.begin() + ": " +
                                 (reply->type == REDIS_REPLY_ERROR ? std::string(reply->str, reply->len) : "?"));
    return std::string(reply->str, reply->len);
}

long long RedisClient::integer(std::initializer_list<std::string> arguments) {
    const auto reply = command(arguments);
    if (reply->type != REDIS_REPLY_INTEGER)
        throw std::runtime_error("unexpected reply to " + *arguments.begin() + ": " +
                                 (reply->type == REDIS_REPLY_ERROR ? std::string(reply->str, reply->len) : "?"));
    return reply->integer;
}

namespace {

constexpr int kTestDatabases = 15; // 1–15 of Redis's default 16
constexpr auto kClaimMilliseconds = "900000";

std::string claim_key(int database) {
    return "manage-test:database:" + std::to_string(database);
}

std::string claim_owner() {
    return "pid " + std::to_string(::getpid());
}

} // namespace

std::vector<std::string> client_ids(RedisClient &client, int database) {
    std::istringstream lines(client.text({"CLIENT", "LIST"}));
    const auto in_database = "db=" + std::to_string(database);
    std::vector<std::string> ids;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string id;
        bool here = false;
        for (std::string field; fields >> field;) {
            if (field.starts_with("id="))
                id = field.substr(3);
            here = here || field == in_database;
        }
        if (here)
            ids.push_back(id);
    }
    return ids;
}

TestDatabase &TestDatabase::of(const std::string &server_url) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<TestDatabase>> claimed;
    std::lock_guard lock(mutex);
    auto &database = claimed[server_url];
    if (!database)
        database.reset(new TestDatabase(server_url));
    return *database;
}

TestDatabase::TestDatabase(std::string server_url) : server_url_(std::move(server_url)) {
    const auto target = parse_or_throw(server_url_);
    if (!target.password.empty())
        throw std::runtime_error("MANAGE_TEST_REDIS_URL: the test helpers do not authenticate; use a server "
                                 "without a password");
    host_ = target.host;
    port_ = target.port;
    RedisClient client(host_, port_);
    for (int i = 0; i < kTestDatabases; ++i) {
        const int candidate = 1 + (::getpid() + i) % kTestDatabases;
        const auto reply = client.command({"SET", claim_key(candidate), claim_owner(), "NX", "PX", kClaimMilliseconds});
        if (reply->type == REDIS_REPLY_STATUS) {
            number_ = candidate;
            return;
        }
    }
    throw std::runtime_error("every test database (1-15) of " + target.display + " is claimed by another process");
}

TestDatabase::~TestDatabase() {
    try {
        RedisClient client(host_, port_);
        const auto owner = client.command({"GET", claim_key(number_)});
        if (owner->type == REDIS_REPLY_STRING && std::string(owner->str, owner->len) == claim_owner())
            client.command({"DEL", claim_key(number_)});
    } catch (const std::exception &) {
        // The claim expires by itself.
    }
}

std::string TestDatabase::url() const {
    const auto authority = server_url_.find("://") + 3;
    const auto at = server_url_.rfind('@');
    const auto slash = server_url_.find('/', at == std::string::npos ? authority : at + 1);
    return server_url_.substr(0, slash) + "/" + std::to_string(number_);
}

void TestDatabase::flush() const {
    RedisClient client(host_, port_);
    client.text({"SELECT", std::to_string(number_)});
    client.text({"FLUSHDB"});
}

std::vector<std::string> TestDatabase::client_ids() const {
    RedisClient client(host_, port_);
    return testing::client_ids(client, number_);
}

bool OwnRedisServer::installed() {
    const char *path = std::getenv("PATH");
    std::istringstream directories(path == nullptr ? "" : path);
    for (std::string directory; std::getline(directories, directory, ':');)
        if (!directory.empty() && ::access((std::filesystem::path(directory) / "redis-server").c_str(), X_OK) == 0)
            return true;
    return false;
}

OwnRedisServer::OwnRedisServer(std::vector<std::string> arguments)
    : arguments_(std::move(arguments)), port_(free_loopback_port()) {
    start();
}

OwnRedisServer::~OwnRedisServer() {
    stop();
}

void OwnRedisServer::start() {
    std::vector<std::string> words{"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no",     "--daemonize",         "no",     "--logfile", ""};
    words.insert(words.end(), arguments_.begin(), arguments_.end());
    std::vector<char *> argv;
    for (auto &word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0)
        throw std::runtime_error("cannot fork redis-server");
    if (pid_ == 0) {
        // Only async-signal-safe calls between fork and exec.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(1);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        ::execvp("redis-server", argv.data());
        ::_exit(127);
    }
    const bool answers = manage::testing::eventually([this] {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("redis-server exited at start (status " + std::to_string(status) + ")");
        }
        try {
            RedisClient client("127.0.0.1", port_);
            client.command({"PING"}); // PONG, or NOAUTH: it answers either way
            return true;
        } catch (const std::runtime_error &) {
            return false;
        }
    });
    if (!answers) {
        stop();
        throw std::runtime_error("redis-server did not answer on " + address());
    }
}

void OwnRedisServer::stop() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

} // namespace manage::infra::testing
