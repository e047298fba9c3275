#pragma once
// Two core nodes' LiveHubs over one Cache and one Bus: an event is applied once, by whichever node
// takes it, and reaches the other node's stream clients and snapshot. Run on the in-process cache
// (live_tests) and on redis-server (live_redis_itest).
#include "core_fixture.hpp"
#include "live/live_stream.hpp"
#include "manage/common/ids.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/live_hub.hpp"
#include "manage/infra/metrics.hpp"

#include <nlohmann/json.hpp>

namespace manage::testing {

class LiveHubCases : public CoreFixture {
protected:
    // The Cache both nodes share.
    virtual infra::Cache &shared_cache() { return cache_; }

    void SetUp() override {
        CoreFixture::SetUp();
        organisation_ = "org-" + new_short_id(); // a fresh one: a real Cache keeps other runs' keys
        other_ = "org-" + new_short_id();
        chargers_ = std::make_unique<core::ChargerService>(*repository_, cache_, events_, clock_,
                                                           core::ChargerServiceOptions{});
        charger_id_ = "CP-" + new_short_id();
        ASSERT_TRUE(chargers_->register_charger(charger_id_, organisation_));
        for (const char *node : {"node-a", "node-b"}) {
            core::LiveHubOptions options;
            options.node_id = node;
            hubs_.push_back(
                std::make_unique<core::LiveHub>(*chargers_, nullptr, shared_cache(), bus_, clock_, metrics_, options));
            hubs_.back()->start();
        }
    }
    void TearDown() override {
        hubs_.clear();
        chargers_.reset();
        CoreFixture::TearDown();
    }

    // What next() yields until it would wait.
    static std::vector<std::string> drain(const std::shared_ptr<core::LiveStream> &stream) {
        std::vector<std::string> pieces;
        asio::io_context io;
        auto reader = [&]() -> asio::awaitable<void> {
            for (;;) {
                auto piece = co_await stream->next();
                if (!piece)
                    co_return;
                pieces.push_back(std::move(*piece));
            }
        };
        asio::co_spawn(io, reader(), asio::detached);
        io.run_for(std::chrono::milliseconds(200)); // until the reader waits: it never ends by itself
        return pieces;
    }

    std::shared_ptr<core::LiveStream> open(core::LiveHub &hub, const std::string &organisation) {
        auto stream = hub.open_stream(organisation);
        const auto snapshot = hub.read_snapshot(organisation);
        stream->begin(core::sse_event("snapshot", snapshot.sequence, snapshot.json), snapshot.sequence);
        return stream;
    }

    void run_cross_node_case() {
        auto on_b = open(*hubs_[1], organisation_);
        auto other_on_a = open(*hubs_[0], other_);
        chargers_->on_status(charger_id_, core::StatusReport{1, 1, "Charging", "NoError", "", "", std::nullopt});
        ASSERT_TRUE(bus_.wait_idle(std::chrono::seconds(10)));

        const auto pieces = drain(on_b);
        ASSERT_GE(pieces.size(), 2u);
        EXPECT_TRUE(pieces[0].starts_with("id: 0\nevent: snapshot\n")) << pieces[0];
        bool connector = false;
        for (const auto &piece : pieces)
            connector = connector ||
                        (piece.find("event: connector") != std::string::npos &&
                         piece.find("\"status\":\"Charging\"") != std::string::npos && piece.starts_with("id: 1\n"));
        EXPECT_TRUE(connector) << "the change reached the other node's client, numbered once";
        EXPECT_EQ(drain(other_on_a).size(), 1u) << "another organisation's client got its snapshot only";

        for (const auto &hub : hubs_) {
            const auto snapshot = nlohmann::json::parse(hub->read_snapshot(organisation_).json);
            EXPECT_EQ(snapshot["sequence"], 1) << "one node applied the event";
            ASSERT_EQ(snapshot["connectors"].size(), 1u) << snapshot;
            EXPECT_EQ(snapshot["connectors"][0]["chargerId"], charger_id_);
            EXPECT_EQ(snapshot["chargers"][0]["online"], true);
        }
        EXPECT_TRUE(nlohmann::json::parse(hubs_[0]->read_snapshot(other_).json)["connectors"].empty());
    }

    std::string organisation_;
    std::string other_;
    std::string charger_id_;
    infra::Metrics metrics_;
    std::unique_ptr<core::ChargerService> chargers_;
    std::vector<std::unique_ptr<core::LiveHub>> hubs_;
};

} // namespace manage::testing
