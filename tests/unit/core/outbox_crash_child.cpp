// The process the outbox crash test kills: it commits a change with its event through the outbox and
// then dies by SIGKILL, either before any relay ran ("commit") or after the broker confirmed the
// event but before the outbox let go of it ("publish").
// Usage: outbox_crash_child MODE DATABASE_URL AMQP_URL TOPIC CHARGER_ID
#include "manage/common/clock.hpp"
#include "manage/core/outbox.hpp"
#include "manage/core/sql_charger_repository.hpp"
#include "manage/infra/amqp_bus.hpp"
#include "manage/infra/database.hpp"

#include <csignal>
#include <cstdio>
#include <string>

using namespace manage;

int main(int argc, char **argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s commit|publish DATABASE_URL AMQP_URL TOPIC CHARGER_ID\n", argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    auto database = infra::Database::open(argv[2], 1);
    if (!database) {
        std::fprintf(stderr, "%s\n", database.error().message.c_str());
        return 1;
    }
    auto &store = *database.value();
    RealClock clock;
    core::SqlChargerRepository chargers(store);
    core::Outbox outbox(store);
    core::OutboxEvents events(store, outbox, clock);
    events.atomically([&] {
        chargers.save_registration(argv[5], core::Registration::Accepted, clock.now());
        events.publish(argv[4], {{"chargerId", argv[5]}});
    });
    if (mode == "publish") {
        auto bus = infra::AmqpBus::open(argv[3]);
        if (!bus) {
            std::fprintf(stderr, "%s\n", bus.error().message.c_str());
            return 1;
        }
        // What OutboxRelay::relay_once does, up to the removal. The claim is short, so that the test's
        // relay need not wait for it to run out.
        for (const auto &message : outbox.claim(10, std::chrono::milliseconds(1)))
            bus.value()->publish(message);
        if (!bus.value()->flush(std::chrono::seconds(10)))
            return 1;
    }
    std::raise(SIGKILL);
    return 1;
}
