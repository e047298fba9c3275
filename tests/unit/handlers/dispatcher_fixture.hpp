#pragma once
// Runs charger CALLs through the OcppDispatcher against a FakeCore, either straight into the
// dispatcher (`call`, `result`) or along the server's whole path of answer_call, schema validation
// included (`answer`, `refusal`).
#include "call_handler.hpp"
#include "fake_core.hpp"

#include "manage/connect/ocpp_dispatcher.hpp"
#include "manage/ocpp/validation.hpp"

#include <gtest/gtest.h>
#include <spdlog/logger.h>

namespace manage::connect::testing {

// One malformed payload, what is wrong with it, and the CALLERROR it must get.
struct Malformed {
    std::string what;
    ocpp::Json payload;
    std::string error_code; // the version's spelling (1.6 OccurenceConstraintViolation, 2.0.1 FormatViolation, …)
    std::string path;       // details.path: the JSON pointer of the offending value
};

class DispatcherTest : public ::testing::Test {
protected:
    // A long id: GCC 12 once freed by-value captures of such strings twice inside co_await.
    static ConnectionInfo connection(ocpp::Version version) {
        return ConnectionInfo{"DEPOT-NORTH-BAY-07-CHARGER-0001", version, "127.0.0.1", 1};
    }

    // The dispatcher's own answer, without the server's schema checks around it.
    CallOutcome call(ocpp::Version version, const std::string &action, ocpp::Json payload) {
        return run<CallOutcome>([&, payload = std::move(payload)]() -> asio::awaitable<CallOutcome> {
            OcppDispatcher dispatcher(core_, workers_);
            const auto info = connection(version);
            const ocpp::Call request{"m1", action, payload};
            co_return co_await dispatcher.on_call(info, request);
        });
    }

    // A CALLRESULT payload of OCPP 1.6 (or `version`), checked against the action's response schema.
    ocpp::Json result(const std::string &action, ocpp::Json payload) {
        return result(ocpp::Version::v16, action, std::move(payload));
    }
    ocpp::Json result(ocpp::Version version, const std::string &action, ocpp::Json payload) {
        return result_of(version, action, call(version, action, std::move(payload)));
    }
    static ocpp::Json result_of(ocpp::Version version, const std::string &action, const CallOutcome &outcome) {
        if (const auto *error = std::get_if<ocpp::CallError>(&outcome)) {
            ADD_FAILURE() << action << " answered CALLERROR " << error->error_code << ": " << error->description;
            return ocpp::Json();
        }
        const auto &payload = std::get<ocpp::Json>(outcome);
        const auto violation = ocpp::validate(version, action, ocpp::Direction::Response, payload);
        EXPECT_FALSE(violation.has_value()) << action << " response " << payload.dump() << " breaks the schema at "
                                            << violation->path << ": " << violation->description;
        return payload;
    }
    static ocpp::CallError error_of(const CallOutcome &outcome) {
        if (const auto *error = std::get_if<ocpp::CallError>(&outcome))
            return *error;
        ADD_FAILURE() << "expected a CALLERROR, got " << std::get<ocpp::Json>(outcome).dump();
        return {};
    }

    // The frame the server would send for this CALL (answer_call: unknown action, schema, dispatcher).
    ocpp::Frame answer(ocpp::Version version, const std::string &action, ocpp::Json payload) {
        const auto frame = run<std::string>([&, payload = std::move(payload)]() -> asio::awaitable<std::string> {
            OcppDispatcher dispatcher(core_, workers_);
            const auto info = connection(version);
            const ocpp::Call request{"m1", action, payload};
            auto answered = co_await answer_call(dispatcher, info, request, log_);
            co_return answered.frame;
        });
        auto parsed = ocpp::parse_frame(frame, version);
        if (!std::holds_alternative<ocpp::Frame>(parsed)) {
            ADD_FAILURE() << "the server's answer is no frame: " << frame;
            return ocpp::CallError{};
        }
        return std::get<ocpp::Frame>(parsed);
    }
    // The CALLERROR the server sends a 1.6 charger (or one of `version`) for this CALL.
    ocpp::CallError refusal(const std::string &action, ocpp::Json payload) {
        return refusal(ocpp::Version::v16, action, std::move(payload));
    }
    ocpp::CallError refusal(ocpp::Version version, const std::string &action, ocpp::Json payload) {
        const auto frame = answer(version, action, payload);
        if (const auto *error = std::get_if<ocpp::CallError>(&frame))
            return *error;
        ADD_FAILURE() << action << " " << payload.dump() << " was not refused";
        return {};
    }

    // Runs each case along the server's path (OCPP 1.6, or `version`): the code and the path must match,
    // and core hears nothing.
    void expect_refused(const std::string &action, const std::vector<Malformed> &cases) {
        expect_refused(ocpp::Version::v16, action, cases);
    }
    void expect_refused(ocpp::Version version, const std::string &action, const std::vector<Malformed> &cases) {
        for (const auto &c : cases) {
            SCOPED_TRACE(action + ": " + c.what);
            const auto before = core_.call_count();
            const auto error = refusal(version, action, c.payload);
            EXPECT_EQ(error.error_code, c.error_code) << error.description;
            EXPECT_EQ(error.message_id, "m1");
            EXPECT_EQ(error.details.value("path", std::string("<none>")), c.path) << error.description;
            EXPECT_EQ(core_.call_count(), before) << "a refused CALL reached core";
        }
    }

    FakeCore core_;
    spdlog::logger log_{"handler-test"}; // no sinks: silent
    asio::io_context io_;
    asio::thread_pool workers_{2};

    // Runs `body` (returning an awaitable<T>) to its end on io_.
    template <class T, class Body> T run(Body body) {
        std::optional<T> out;
        auto task = [&]() -> asio::awaitable<void> { out = co_await body(); };
        asio::co_spawn(io_, std::move(task), asio::detached);
        io_.run();
        io_.restart();
        EXPECT_TRUE(out.has_value());
        return out.value_or(T{});
    }
};

} // namespace manage::connect::testing
