// Simulated OCPP 1.6 or 2.0.1 chargers: each connects from its source address, boots, then (in the load
// phase) sends one CALL every N/rate seconds and waits for its CALLRESULT, as a real charger does
// (one outstanding CALL). CALLs from the server are answered so that it never waits on us.
#include "load_worker.hpp"

#include "charger_messages.hpp"

#include "manage/common/asio.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <deque>
#include <memory>
#include <random>

namespace manage::bench {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
constexpr auto kAwait = asio::use_awaitable;

Phase current_phase(const SharedState &shared) {
    return static_cast<Phase>(shared.phase.load(std::memory_order_acquire));
}

std::string host_header(const LoadOptions &options) {
    return fmt::format("{}:{}", options.host, options.port);
}

class Charger : public std::enable_shared_from_this<Charger> {
public:
    Charger(asio::io_context &io, std::string id, std::string version, WorkerStats &stats)
        : ws_(io), id_(std::move(id)), version_(std::move(version)), stats_(stats) {
        transaction_.transaction_id = "TX-1"; // unique per station, as 2.0.1 asks
    }

    asio::awaitable<bool> connect(const LoadOptions &options, const asio::ip::address &source);
    asio::awaitable<void> read_loop(std::shared_ptr<Charger> self);
    asio::awaitable<void> send_loop(std::shared_ptr<Charger> self, std::string message,
                                    std::chrono::microseconds interval, std::chrono::microseconds offset,
                                    const SharedState &shared);
    void close() {
        beast::error_code ec;
        beast::get_lowest_layer(ws_).socket().close(ec);
    }

private:
    void write(std::string frame);
    void write_next();
    void on_frame(std::string_view text);

    websocket::stream<beast::tcp_stream> ws_;
    std::string id_;
    std::string version_;
    WorkerStats &stats_;
    ChargerTransaction transaction_;
    std::deque<std::string> writes_;
    std::uint64_t next_id_ = 0;
    std::string outstanding_; // the message id of our unanswered CALL; empty when none
    SteadyClock::time_point sent_at_{};
    bool up_ = false;
    std::string boot_status_;
};

asio::awaitable<bool> Charger::connect(const LoadOptions &options, const asio::ip::address &source) {
    auto &socket = beast::get_lowest_layer(ws_).socket();
    socket.open(tcp::v4());
    socket.set_option(tcp::no_delay(true));
    socket.bind(tcp::endpoint(source, 0));
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    co_await beast::get_lowest_layer(ws_).async_connect(
        tcp::endpoint(asio::ip::make_address(options.host), options.port), kAwait);
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.set_option(
        websocket::stream_base::decorator([protocol = subprotocol(version_)](websocket::request_type &request) {
            request.set(beast::http::field::sec_websocket_protocol, protocol);
        }));
    co_await ws_.async_handshake(host_header(options), "/ocpp/" + id_, kAwait);
    ws_.text(true);
    // Boot: until it is Accepted the central system refuses every other CALL.
    outstanding_ = "boot";
    const auto boot = boot_frame(version_);
    co_await ws_.async_write(asio::buffer(boot), kAwait);
    beast::flat_buffer buffer;
    while (!outstanding_.empty()) {
        co_await ws_.async_read(buffer, kAwait);
        on_frame(std::string_view(static_cast<const char *>(buffer.data().data()), buffer.size()));
        buffer.consume(buffer.size());
    }
    co_return boot_status_ == "Accepted";
}

void Charger::on_frame(std::string_view text) {
    const auto frame = Json::parse(text, nullptr, false);
    if (!frame.is_array() || frame.size() < 3 || !frame.at(0).is_number_integer() || !frame.at(1).is_string())
        return;
    const int type = frame.at(0).get<int>();
    const auto &id = frame.at(1).get_ref<const std::string &>();
    if (type == 2) {
        stats_.server_calls.fetch_add(1, std::memory_order_relaxed);
        write(answer_server_call(version_, frame));
        return;
    }
    if (id != outstanding_)
        return;
    outstanding_.clear();
    if (id == "boot") {
        if (type == 3 && frame.at(2).is_object())
            boot_status_ = frame.at(2).value("status", "");
        return;
    }
    stats_.latency.record(std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - sent_at_));
    (type == 3 ? stats_.answered : stats_.call_errors).fetch_add(1, std::memory_order_relaxed);
}

asio::awaitable<void> Charger::read_loop([[maybe_unused]] std::shared_ptr<Charger> self) {
    up_ = true;
    stats_.connected.fetch_add(1, std::memory_order_relaxed);
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (true) {
        co_await ws_.async_read(buffer, asio::redirect_error(kAwait, ec));
        if (ec)
            break;
        on_frame(std::string_view(static_cast<const char *>(buffer.data().data()), buffer.size()));
        buffer.consume(buffer.size());
    }
    up_ = false;
    stats_.connected.fetch_sub(1, std::memory_order_relaxed);
    stats_.disconnects.fetch_add(1, std::memory_order_relaxed);
}

asio::awaitable<void> Charger::send_loop([[maybe_unused]] std::shared_ptr<Charger> self, std::string message,
                                         std::chrono::microseconds interval, std::chrono::microseconds offset,
                                         const SharedState &shared) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    auto next = SteadyClock::now() + offset;
    while (up_ && current_phase(shared) == Phase::Load) {
        timer.expires_at(next);
        beast::error_code ec;
        co_await timer.async_wait(asio::redirect_error(kAwait, ec));
        next += interval;
        if (!up_ || current_phase(shared) != Phase::Load)
            break;
        if (!outstanding_.empty()) {
            stats_.skipped.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        outstanding_ = std::to_string(++next_id_);
        sent_at_ = SteadyClock::now();
        stats_.sent.fetch_add(1, std::memory_order_relaxed);
        write(call_frame(version_, outstanding_, message, transaction_));
    }
}

void Charger::write(std::string frame) {
    writes_.push_back(std::move(frame));
    if (writes_.size() == 1)
        write_next();
}

void Charger::write_next() {
    ws_.async_write(asio::buffer(writes_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) {
            self->writes_.clear();
            return;
        }
        self->writes_.pop_front();
        if (!self->writes_.empty())
            self->write_next();
    });
}

struct Worker {
    const LoadOptions &options;
    int index;
    SharedState &shared;
    WorkerStats &stats;
    asio::io_context io{1};
    std::vector<int> numbers; // the chargers this worker simulates
    std::size_t next = 0;
    std::vector<std::shared_ptr<Charger>> up;

    asio::ip::address source_for(int number) const {
        const int host = 2 + number % std::max(1, options.source_addresses);
        return asio::ip::make_address(fmt::format("127.0.0.{}", host));
    }

    // One of connect_concurrency lanes: connects chargers one after another.
    asio::awaitable<void> connect_lane() {
        while (next < numbers.size() && current_phase(shared) != Phase::Stop) {
            const int number = numbers[next++];
            auto charger = std::make_shared<Charger>(io, fmt::format("{}{:06}", options.id_prefix, number),
                                                     options.version, stats);
            bool booted = false;
            try {
                booted = co_await charger->connect(options, source_for(number));
            } catch (const std::exception &) {
                booted = false;
            }
            if (!booted) {
                stats.connect_failures.fetch_add(1, std::memory_order_relaxed);
                charger->close();
                continue;
            }
            up.push_back(charger);
            asio::co_spawn(io, charger->read_loop(charger), asio::detached);
        }
    }

    // Follows the parent's phase: starts the senders for the load phase, stops everything at the end.
    asio::awaitable<void> follow_phase() {
        asio::steady_timer timer(io);
        bool loading = false;
        std::mt19937_64 random(static_cast<std::uint64_t>(index) * 7919 + 17);
        while (true) {
            timer.expires_after(std::chrono::milliseconds(20));
            co_await timer.async_wait(kAwait);
            const auto phase = current_phase(shared);
            if (phase == Phase::Stop)
                break;
            if (phase == Phase::Load && !loading && options.rate > 0) {
                loading = true;
                // Every charger sends once per interval; the offsets spread them evenly over it.
                const auto interval = std::chrono::microseconds(
                    static_cast<std::int64_t>(1e6 * static_cast<double>(options.chargers) / options.rate));
                std::uniform_int_distribution<std::int64_t> offset(0, std::max<std::int64_t>(1, interval.count()) - 1);
                for (auto &charger : up)
                    asio::co_spawn(io,
                                   charger->send_loop(charger, options.message, interval,
                                                      std::chrono::microseconds(offset(random)), shared),
                                   asio::detached);
            }
        }
        for (auto &charger : up)
            charger->close();
        io.stop();
    }
};

} // namespace

int run_worker(const LoadOptions &options, int worker_index, SharedState &shared, WorkerStats &stats) {
    Worker worker{options, worker_index, shared, stats};
    for (int number = worker_index; number < options.chargers; number += options.processes)
        worker.numbers.push_back(number);
    for (int lane = 0; lane < options.connect_concurrency; ++lane)
        asio::co_spawn(worker.io, worker.connect_lane(), asio::detached);
    asio::co_spawn(worker.io, worker.follow_phase(), asio::detached);
    worker.io.run();
    stats.done.store(true);
    return 0;
}

} // namespace manage::bench
