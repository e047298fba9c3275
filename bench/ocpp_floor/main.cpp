// manage-ocpp-floor: a WebSocket server that answers every OCPP CALL with a fixed CALLRESULT and
// does nothing else, on one thread with epoll. Run under manage-ocpp-load, its CPU per message is
// what this machine's kernel costs for one message in and one out: the floor under any server.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "websocket_wire.hpp"

namespace {

using manage::bench::fixed_call_result;
using manage::bench::next_frame;
using manage::bench::text_frame;
using manage::bench::upgrade_response;

constexpr int kOpText = 1;
constexpr int kOpClose = 8;

volatile std::sig_atomic_t stopping = 0;

struct Connection {
    std::string input;
    std::string output; // what the socket did not take yet
    bool upgraded = false;
};

class FloorServer {
public:
    FloorServer(const std::string &host, int port, std::string subprotocol) : subprotocol_(std::move(subprotocol)) {
        listener_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        const int one = 1;
        setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1 || (ntohl(address.sin_addr.s_addr) >> 24) != 127) {
            throw std::runtime_error("--host must be a loopback address (127.0.0.0/8): " + host);
        }
        if (bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            listen(listener_, 4096) != 0) {
            throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
        }
        epoll_ = epoll_create1(0);
        watch(listener_, EPOLLIN, EPOLL_CTL_ADD);
    }

    int bound_port() const {
        sockaddr_in address{};
        socklen_t length = sizeof address;
        getsockname(listener_, reinterpret_cast<sockaddr *>(&address), &length);
        return ntohs(address.sin_port);
    }

    void run() {
        std::array<epoll_event, 512> events{};
        while (stopping == 0) {
            const int ready = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 500);
            for (int i = 0; i < ready; ++i) {
                const int fd = events[i].data.fd;
                if (fd == listener_) {
                    accept_all();
                } else if (!serve(fd, connections_[fd], events[i].events)) {
                    close(fd);
                    connections_.erase(fd);
                }
            }
        }
    }

private:
    void watch(int fd, std::uint32_t events, int operation) {
        epoll_event event{};
        event.events = events;
        event.data.fd = fd;
        epoll_ctl(epoll_, operation, fd, &event);
    }

    void accept_all() {
        for (;;) {
            const int fd = accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK);
            if (fd < 0)
                return;
            const int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            watch(fd, EPOLLIN, EPOLL_CTL_ADD);
            connections_[fd];
        }
    }

    bool serve(int fd, Connection &connection, std::uint32_t events) {
        if ((events & EPOLLOUT) != 0 && !send(fd, connection, {}))
            return false;
        if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) == 0)
            return true;
        std::array<char, 8192> buffer{};
        const ssize_t received = read(fd, buffer.data(), buffer.size());
        if (received == 0 || (received < 0 && errno != EAGAIN))
            return false;
        if (received > 0)
            connection.input.append(buffer.data(), static_cast<std::size_t>(received));
        try {
            return answer(fd, connection);
        } catch (const std::exception &) {
            return false; // a client this server cannot read is dropped, as a bad frame would be
        }
    }

    bool answer(int fd, Connection &connection) {
        if (!connection.upgraded) {
            const auto response = upgrade_response(connection.input, subprotocol_);
            if (!response)
                return true;
            connection.input.erase(0, connection.input.find("\r\n\r\n") + 4);
            connection.upgraded = true;
            if (!send(fd, connection, *response))
                return false;
        }
        while (auto frame = next_frame(connection.input)) {
            connection.input.erase(0, frame->consumed);
            if (frame->opcode == kOpClose)
                return false;
            if (frame->opcode == kOpText && !send(fd, connection, text_frame(fixed_call_result(frame->payload)))) {
                return false;
            }
        }
        return true;
    }

    bool send(int fd, Connection &connection, const std::string &bytes) {
        connection.output += bytes;
        if (connection.output.empty())
            return true;
        const ssize_t written = write(fd, connection.output.data(), connection.output.size());
        if (written < 0 && errno != EAGAIN)
            return false;
        connection.output.erase(0, written < 0 ? 0 : static_cast<std::size_t>(written));
        watch(fd, connection.output.empty() ? EPOLLIN : EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
        return true;
    }

    std::string subprotocol_;
    int listener_ = -1;
    int epoll_ = -1;
    std::unordered_map<int, Connection> connections_;
};

} // namespace

int main(int argc, char **argv) {
    CLI::App app{"manage-ocpp-floor: answers every OCPP CALL with a fixed CALLRESULT and does nothing else.\n"
                 "Run manage-ocpp-load against it to measure what one message costs this machine's kernel\n"
                 "(docs/performance.md). Listens on loopback only; stops on SIGTERM or SIGINT."};
    std::string host = "127.0.0.1";
    int port = 56100;
    std::string subprotocol = "ocpp1.6";
    app.add_option("--host", host, "loopback address to listen on")->capture_default_str();
    app.add_option("--port", port, "TCP port to listen on; 0 lets the kernel choose (the port is printed)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    app.add_option("--subprotocol", subprotocol, "WebSocket subprotocol to accept")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    rlimit files{20000, 20000};
    setrlimit(RLIMIT_NOFILE, &files);
    std::signal(SIGTERM, [](int) { stopping = 1; });
    std::signal(SIGINT, [](int) { stopping = 1; });
    try {
        FloorServer server(host, port, subprotocol);
        std::printf("manage-ocpp-floor: listening on %s:%d\n", host.c_str(), server.bound_port());
        std::fflush(stdout);
        server.run();
    } catch (const std::exception &error) {
        std::fprintf(stderr, "manage-ocpp-floor: %s\n", error.what());
        return 2;
    }
    return 0;
}
