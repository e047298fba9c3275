#include "manage/core/outbox.hpp"

#include "manage/common/ids.hpp"
#include "manage/infra/bus.hpp"
#include "manage/infra/database.hpp"

#include <soci/soci.h>

namespace manage::core {
namespace {

long long micros_of(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint time_of(long long micros) {
    return TimePoint(std::chrono::duration_cast<Duration>(std::chrono::microseconds(micros)));
}

// The order events are published in and the claims' clock: the host's clock, not the injected one,
// because claims are compared across processes.
long long wall_micros() {
    return micros_of(SystemClock::now());
}

} // namespace

Outbox::Outbox(infra::Database &database) : database_(database), claimant_(new_short_id()) {}

void Outbox::add(const infra::Message &message) {
    const auto created = wall_micros();
    const long long position = next_position_++;
    const auto event_time = micros_of(message.time);
    database_.in_transaction([&](soci::session &sql) {
        sql << "INSERT INTO outbox (id, topic, payload, event_time_us, created_us, position, claimed_by, "
               "claimed_until_us) VALUES (:id, :topic, :payload, :event_time, :created, :position, '', 0)",
            soci::use(message.id), soci::use(message.topic), soci::use(message.payload), soci::use(event_time),
            soci::use(created), soci::use(position);
    });
}

std::vector<infra::Message> Outbox::claim(int limit, Duration claim_for) {
    const auto now = wall_micros();
    const long long until = now + std::chrono::duration_cast<std::chrono::microseconds>(claim_for).count();
    const auto claim = claimant_ + "-" + std::to_string(next_claim_++);
    std::vector<infra::Message> claimed;
    // A read first: an empty outbox, the usual case, costs no write lock.
    int waiting = 0;
    database_.with_session([&](soci::session &sql) {
        sql << "SELECT COUNT(*) FROM (SELECT id FROM outbox WHERE claimed_until_us < :now LIMIT 1) AS next_event",
            soci::use(now), soci::into(waiting);
    });
    if (waiting == 0)
        return claimed;
    database_.in_transaction([&](soci::session &sql) {
        // The outer test repeats the inner one: on PostgreSQL a row another relay claimed meanwhile is
        // re-checked after its lock is released, and skipped.
        sql << "UPDATE outbox SET claimed_by = :claim, claimed_until_us = :until WHERE claimed_until_us < :now1 "
               "AND id IN (SELECT id FROM outbox WHERE claimed_until_us < :now2 ORDER BY created_us, position "
               "LIMIT :limit)",
            soci::use(claim), soci::use(until), soci::use(now), soci::use(now), soci::use(limit);
        soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, topic, payload, event_time_us FROM outbox "
                                                       "WHERE claimed_by = :claim ORDER BY created_us, position",
                                        soci::use(claim));
        for (const auto &row : rows)
            claimed.push_back(infra::Message{row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                                             time_of(row.get<long long>(3))});
    });
    return claimed;
}

void Outbox::remove(const std::vector<std::string> &ids) {
    if (ids.empty())
        return;
    database_.in_transaction([&](soci::session &sql) {
        std::string id;
        soci::statement remove_one = (sql.prepare << "DELETE FROM outbox WHERE id = :id", soci::use(id));
        for (const auto &each : ids) {
            id = each;
            remove_one.execute(true);
        }
    });
}

std::int64_t Outbox::pending() {
    long long count = 0;
    database_.with_session([&](soci::session &sql) { sql << "SELECT COUNT(*) FROM outbox", soci::into(count); });
    return count;
}

void OutboxEvents::atomically(const std::function<void()> &work) {
    const bool outermost = !database_.in_transaction_now();
    database_.in_transaction([&](soci::session &) { work(); });
    if (outermost)
        committed();
}

void OutboxEvents::publish(std::string_view topic, const nlohmann::json &payload) {
    outbox_.add(infra::Message{new_uuid(), std::string(topic), payload.dump(), clock_.now()});
    if (!database_.in_transaction_now())
        committed();
}

void OutboxEvents::committed() {
    if (on_commit_)
        on_commit_();
}

} // namespace manage::core
