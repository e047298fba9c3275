#pragma once
// An OcppServer on 127.0.0.1:0 with its io_context on a background thread, a fake dispatcher that
// records what it sees, and helpers to wait for events (never a sleep: waits on conditions).
#include "manage/common/time_format.hpp"
#include "manage/connect/charger_authenticator.hpp"
#include "manage/connect/ocpp_server.hpp"
#include "manage/infra/metrics.hpp"
#include "manage/testing/ocpp_test_client.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

namespace manage::connect {

using namespace std::chrono_literals;
using testing::OcppTestClient;

// A charger-facing payload valid in both versions' schemas.
inline ocpp::Json heartbeat_response() {
    return ocpp::Json{{"currentTime", format_time(SystemClock::now())}};
}

inline ocpp::Json boot_request(ocpp::Version version) {
    if (version == ocpp::Version::v16) {
        return ocpp::Json{{"chargePointVendor", "Acme"}, {"chargePointModel", "X1"}};
    }
    return ocpp::Json{{"reason", "PowerUp"}, {"chargingStation", {{"vendorName", "Acme"}, {"model", "X1"}}}};
}

inline ocpp::Json boot_response() {
    return ocpp::Json{{"status", "Accepted"}, {"currentTime", format_time(SystemClock::now())}, {"interval", 300}};
}

class FakeDispatcher final : public CallDispatcher {
public:
    using Handler = std::function<asio::awaitable<CallOutcome>(const ConnectionInfo &, const ocpp::Call &)>;

    // Replaces the default answers (Heartbeat, BootNotification; NotSupported otherwise). Set it before
    // chargers connect.
    Handler handler;

    void on_connected(const ConnectionInfo &connection) override {
        std::lock_guard lock(mutex_);
        connected_.push_back(connection);
        changed_.notify_all();
    }

    void on_disconnected(const ConnectionInfo &connection, const std::string &reason) override {
        std::lock_guard lock(mutex_);
        disconnected_.emplace_back(connection, reason);
        changed_.notify_all();
    }

    asio::awaitable<CallOutcome> on_call(const ConnectionInfo &connection, const ocpp::Call &call) override {
        {
            std::lock_guard lock(mutex_);
            calls_.push_back(call);
        }
        if (handler) {
            co_return co_await handler(connection, call);
        }
        if (call.action == "Heartbeat") {
            co_return heartbeat_response();
        }
        if (call.action == "BootNotification") {
            co_return boot_response();
        }
        co_return ocpp::CallError{call.message_id, "NotSupported", "not in the fake", ocpp::Json::object()};
    }

    // Waits until `count` connections were reported connected; returns the last.
    std::optional<ConnectionInfo> wait_connected(std::size_t count = 1) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, 10s, [&] { return connected_.size() >= count; })) {
            return std::nullopt;
        }
        return connected_[count - 1];
    }

    // Waits until `count` connections were reported disconnected; returns the reason of the last.
    std::optional<std::string> wait_disconnected(std::size_t count = 1) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, 10s, [&] { return disconnected_.size() >= count; })) {
            return std::nullopt;
        }
        return disconnected_[count - 1].second;
    }

    std::vector<ocpp::Call> calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }

    std::vector<std::pair<ConnectionInfo, std::string>> disconnected() const {
        std::lock_guard lock(mutex_);
        return disconnected_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<ConnectionInfo> connected_;
    std::vector<std::pair<ConnectionInfo, std::string>> disconnected_;
    std::vector<ocpp::Call> calls_;
};

class ServerTest : public ::testing::Test {
protected:
    void start(OcppServerOptions options = {}) {
        options.listen = ListenAddress{"127.0.0.1", 0};
        if (options.tls) {
            options.tls->listen = ListenAddress{"127.0.0.1", 0};
        }
        server_.emplace(io_, options, dispatcher_, metrics_, authenticator_);
        auto port = server_->start();
        ASSERT_TRUE(port) << port.error().message;
        port_ = port.value();
        io_done_ = std::async(std::launch::async, [this] { io_.run(); });
    }

    // Stops the server and checks that the io_context then runs out of work.
    void TearDown() override {
        if (!server_) {
            return;
        }
        server_->stop();
        work_.reset();
        if (io_done_.wait_for(10s) != std::future_status::ready) {
            ADD_FAILURE() << "the io_context still has work 10 s after stop()";
            io_.stop();
        }
        io_done_.get();
    }

    OcppServer &server() { return *server_; }
    std::uint16_t port() const { return port_; }
    std::uint16_t tls_port() { return server_->tls_port(); }

    // Runs OcppServer::call on the server's io_context, as another service would.
    std::future<CallResponse> call_async(std::string id, std::string action, ocpp::Json payload) {
        return asio::co_spawn(io_, server_->call(std::move(id), std::move(action), std::move(payload)),
                              asio::use_future);
    }

    CallResponse call(std::string id, std::string action, ocpp::Json payload) {
        auto response = call_async(std::move(id), std::move(action), std::move(payload));
        if (response.wait_for(10s) != std::future_status::ready) {
            ADD_FAILURE() << "OcppServer::call did not complete";
            return CallResponse{};
        }
        return response.get();
    }

    // Connects a charger and waits until the server has registered it.
    std::unique_ptr<OcppTestClient> connect(const std::string &id, std::vector<std::string> subprotocols = {"ocpp1.6"},
                                            testing::OcppTestClientOptions options = {}) {
        auto client = std::make_unique<OcppTestClient>(options);
        const auto handshake = client->connect(port_, id, std::move(subprotocols));
        EXPECT_TRUE(handshake.upgraded) << handshake.error;
        EXPECT_TRUE(dispatcher_.wait_connected(++connections_));
        return client;
    }

    double metric(const std::string &name, const infra::Labels &labels = {}) const {
        return metrics_.value(name, labels);
    }

    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
    infra::Metrics metrics_;
    FakeDispatcher dispatcher_;
    ChargerAuthenticator *authenticator_ = nullptr; // set before start(); must outlive the io_context's work

private:
    std::optional<OcppServer> server_;
    std::future<void> io_done_;
    std::uint16_t port_ = 0;
    std::size_t connections_ = 0;
};

} // namespace manage::connect
