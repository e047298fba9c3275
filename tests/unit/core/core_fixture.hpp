#pragma once
// Core's services over the embedded adapters: a temporary SQLite file, the in-process cache and bus,
// and a simulated clock.
#include "manage/common/clock.hpp"
#include "manage/core/events.hpp"
#include "manage/core/migrations.hpp"
#include "manage/core/sql_charger_repository.hpp"
#include "manage/infra/database.hpp"
#include "manage/infra/in_process_bus.hpp"
#include "manage/infra/in_process_cache.hpp"

#include <gtest/gtest.h>

#include <soci/soci.h>

#include <filesystem>
#include <unistd.h>

namespace manage::testing {

class CoreFixture : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ =
            std::filesystem::temp_directory_path() / ("manage-core-test-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        auto opened = infra::Database::open("sqlite://" + (dir_ / "manage.db").string());
        ASSERT_TRUE(opened) << opened.error().message;
        database_ = std::move(opened.value());
        auto migrated = database_->migrate(core::migrations());
        ASSERT_TRUE(migrated) << migrated.error().message;
        repository_ = std::make_unique<core::SqlChargerRepository>(*database_);
    }
    void TearDown() override {
        repository_.reset();
        database_.reset();
        std::filesystem::remove_all(dir_);
    }

    std::filesystem::path dir_;
    SimulatedClock clock_{TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}}};
    std::unique_ptr<infra::Database> database_;
    std::unique_ptr<core::SqlChargerRepository> repository_;
    infra::InProcessCache cache_{clock_};
    infra::InProcessBus bus_;
    // Services' events straight to bus_ (ChargingFixture puts sessions through the outbox).
    core::DirectEvents events_{bus_, clock_};
};

} // namespace manage::testing
