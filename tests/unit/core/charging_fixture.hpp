#pragma once
// Core's charging services over SQLite, with a fake ChargerCommands that answers as told.
#include "core_fixture.hpp"

#include "manage/core/authorization.hpp"
#include "manage/core/charger_commands.hpp"
#include "manage/core/charger_reports.hpp"
#include "manage/core/outbox.hpp"
#include "manage/core/sql_authorization_repository.hpp"
#include "manage/core/sql_report_repository.hpp"
#include "manage/core/sql_session_repository.hpp"
#include "manage/core/transactions.hpp"
#include "manage/infra/metrics.hpp"

#include <mutex>

namespace manage::testing {

class FakeChargerCommands final : public core::ChargerCommands {
public:
    struct Sent {
        std::string charger_id;
        std::string action;
        nlohmann::json payload;
    };
    asio::awaitable<core::CommandResult> send(std::string charger_id, std::string action,
                                              nlohmann::json payload) override {
        std::lock_guard lock(mutex_);
        sent.push_back(Sent{std::move(charger_id), std::move(action), std::move(payload)});
        co_return answer;
    }
    std::mutex mutex_;
    std::vector<Sent> sent;
    core::CommandResult answer{nlohmann::json{{"status", "Accepted"}}, std::nullopt, "", "", ""};
};

class ChargingFixture : public CoreFixture {
protected:
    void SetUp() override {
        CoreFixture::SetUp();
        // Sessions, tags and reports publish through the outbox, as in production.
        outbox_ = std::make_unique<core::Outbox>(*database_);
        outbox_events_ = std::make_unique<core::OutboxEvents>(*database_, *outbox_, clock_);
        relay_ = std::make_unique<core::OutboxRelay>(*outbox_, bus_, metrics_);
        outbox_events_->set_on_commit([relay = relay_.get()] { relay->wake(); });
        relay_->start();
        authorization_repository_ = std::make_unique<core::SqlAuthorizationRepository>(*database_);
        sessions_repository_ = std::make_unique<core::SqlSessionRepository>(*database_);
        reports_repository_ = std::make_unique<core::SqlReportRepository>(*database_);
        authorization_ =
            std::make_unique<core::Authorization>(*authorization_repository_, *outbox_events_, clock_, &commands_);
        transactions_ =
            std::make_unique<core::Transactions>(*sessions_repository_, *authorization_, *outbox_events_, clock_);
        reports_ = std::make_unique<core::ChargerReports>(*reports_repository_, *outbox_events_, clock_);
        for (const auto *id : {"CP-1", "CP-2"})
            repository_->save_registration(id, core::Registration::Accepted, clock_.now());
    }
    void TearDown() override {
        reports_.reset();
        transactions_.reset();
        relay_.reset();
        outbox_events_.reset();
        outbox_.reset();
        authorization_.reset();
        reports_repository_.reset();
        sessions_repository_.reset();
        authorization_repository_.reset();
        CoreFixture::TearDown();
    }

    void put_tag(const std::string &id, core::IdTagStatus status = core::IdTagStatus::Accepted,
                 std::optional<TimePoint> expiry = std::nullopt, const std::string &parent = "",
                 bool concurrent = false) {
        auto stored = authorization_->put_id_tag(core::IdTag{id, status, expiry, parent, concurrent, {}, {}});
        ASSERT_TRUE(stored) << stored.error().message;
    }

    // Runs a coroutine to its end on a private io_context.
    template <class T> T run(asio::awaitable<T> awaitable) {
        asio::io_context io;
        std::optional<T> result;
        auto task = [&]() -> asio::awaitable<void> { result.emplace(co_await std::move(awaitable)); };
        asio::co_spawn(io, std::move(task), asio::detached);
        io.run();
        return std::move(*result);
    }

    FakeChargerCommands commands_;
    asio::thread_pool workers_{1};
    std::unique_ptr<core::SqlAuthorizationRepository> authorization_repository_;
    std::unique_ptr<core::SqlSessionRepository> sessions_repository_;
    std::unique_ptr<core::SqlReportRepository> reports_repository_;
    std::unique_ptr<core::Authorization> authorization_;
    infra::Metrics metrics_;
    std::unique_ptr<core::Outbox> outbox_;
    std::unique_ptr<core::OutboxEvents> outbox_events_;
    std::unique_ptr<core::OutboxRelay> relay_;
    std::unique_ptr<core::Transactions> transactions_;
    std::unique_ptr<core::ChargerReports> reports_;
};

} // namespace manage::testing
