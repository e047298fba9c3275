// Idempotency-Key on the public API's POSTs: a retry replays the first answer instead of doing the work
// again, over the embedded Cache.
#include "api/idempotency.hpp"

#include "manage/common/clock.hpp"
#include "manage/infra/in_process_cache.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace manage;
using infra::http::Request;
using infra::http::Response;

namespace {

class Idempotency : public ::testing::Test {
protected:
    Request request(const std::string &body, const std::string &key = "key-1", const std::string &bearer = "mng_a") {
        Request r;
        r.method = "POST";
        r.target = "/api/public/v1/fleets";
        r.path = r.target;
        r.body = body;
        r.headers["authorization"] = "Bearer " + bearer;
        if (!key.empty())
            r.headers["idempotency-key"] = key;
        return r;
    }

    // Runs the request through idempotent() with a handler that counts its runs and answers `status`.
    Response send(Request r, int status = 201) {
        infra::http::Handler handler = [this, status](Request &) -> asio::awaitable<Response> {
            ++runs;
            Response response;
            response.status = status;
            response.body = "{\"run\":" + std::to_string(runs) + "}";
            response.headers["ETag"] = "\"1\"";
            co_return response;
        };
        return run(r, handler);
    }

    Response run(Request &r, const infra::http::Handler &handler) {
        asio::io_context io;
        Response answer;
        auto task = [&]() -> asio::awaitable<void> { answer = co_await core::idempotent(cache, r, handler); };
        asio::co_spawn(io, task, [](std::exception_ptr error) {
            if (error)
                std::rethrow_exception(error);
        });
        io.run();
        return answer;
    }

    static std::string code_of(const Response &response) {
        return nlohmann::json::parse(response.body)["error"].value("code", "");
    }

    SimulatedClock clock{TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27}}};
    infra::InProcessCache cache{clock};
    int runs = 0;
};

} // namespace

TEST_F(Idempotency, ARetryGetsTheFirstAnswerAndTheWorkIsDoneOnce) {
    const auto first = send(request(R"({"name":"Buses"})"));
    const auto again = send(request(R"({"name":"Buses"})"));
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.headers.at("ETag"), "\"1\"");
    EXPECT_EQ(again.headers.at("Idempotent-Replayed"), "true");
    EXPECT_EQ(first.headers.count("Idempotent-Replayed"), 0u);
}

TEST_F(Idempotency, WithoutAKeyEveryRequestRuns) {
    send(request(R"({"name":"Buses"})", ""));
    send(request(R"({"name":"Buses"})", ""));
    EXPECT_EQ(runs, 2);
}

TEST_F(Idempotency, TheSameKeyForAnotherRequestIsRefused) {
    send(request(R"({"name":"Buses"})"));
    const auto other = send(request(R"({"name":"Vans"})"));
    EXPECT_EQ(other.status, 422);
    EXPECT_EQ(code_of(other), "idempotency_key_reused");
    EXPECT_EQ(runs, 1);
}

TEST_F(Idempotency, KeysBelongToTheirCredential) {
    send(request(R"({"name":"Buses"})", "key-1", "mng_a"));
    const auto theirs = send(request(R"({"name":"Buses"})", "key-1", "mng_b"));
    EXPECT_EQ(theirs.headers.count("Idempotent-Replayed"), 0u);
    EXPECT_EQ(runs, 2);
}

TEST_F(Idempotency, ARetryWhileTheFirstStillRunsIsTold409) {
    Response inner;
    infra::http::Handler handler = [&](Request &) -> asio::awaitable<Response> {
        ++runs;
        auto retry = request(R"({"name":"Buses"})");
        inner = co_await core::idempotent(cache, retry, handler);
        co_return Response{201, "application/json", {}, "{}"};
    };
    auto first = request(R"({"name":"Buses"})");
    EXPECT_EQ(run(first, handler).status, 201);
    EXPECT_EQ(inner.status, 409);
    EXPECT_EQ(code_of(inner), "idempotency_key_in_use");
    EXPECT_EQ(runs, 1);
}

TEST_F(Idempotency, AnswersThatDidNothingForGoodAreNotKept) {
    for (const int status : {500, 503, 409, 429, 401}) {
        send(request(R"({"name":"Buses"})", "key-" + std::to_string(status)), status);
        send(request(R"({"name":"Buses"})", "key-" + std::to_string(status)), 201);
    }
    EXPECT_EQ(runs, 10);
    // A validation failure is an answer: the retry gets it again.
    send(request(R"({"name":""})", "key-422"), 422);
    EXPECT_EQ(send(request(R"({"name":""})", "key-422"), 201).status, 422);
    EXPECT_EQ(runs, 11);
}

TEST_F(Idempotency, AFailedRunFreesTheKeyAndKeysExpireAfterADay) {
    infra::http::Handler failing = [&](Request &) -> asio::awaitable<Response> {
        ++runs;
        throw std::runtime_error("store down");
        co_return Response{};
    };
    auto first = request(R"({"name":"Buses"})");
    EXPECT_THROW(run(first, failing), std::runtime_error);
    EXPECT_EQ(send(request(R"({"name":"Buses"})")).status, 201);
    EXPECT_EQ(runs, 2);
    clock.advance(std::chrono::hours(24) + std::chrono::seconds(1));
    EXPECT_EQ(send(request(R"({"name":"Buses"})")).headers.count("Idempotent-Replayed"), 0u);
    EXPECT_EQ(runs, 3);
}

TEST_F(Idempotency, AKeyIsOneTo255PrintableCharacters) {
    for (const auto &bad : {std::string(256, 'k'), std::string("tab\there")}) {
        const auto refused = send(request("{}", bad));
        EXPECT_EQ(refused.status, 422);
        EXPECT_EQ(code_of(refused), "invalid_idempotency_key");
    }
    EXPECT_EQ(runs, 0);
}
