#pragma once
#include "manage/core/session_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

// Transaction ids come from the `counters` row 'transaction_id', incremented in the transaction that
// inserts the session: unique on SQLite and PostgreSQL alike without engine-specific sequences.
class SqlSessionRepository final : public SessionRepository {
public:
    explicit SqlSessionRepository(infra::Database &database) : database_(database) {}
    std::pair<Session, bool> open_session(const NewSession &session, TimePoint now) override;
    std::optional<Session> find(std::int64_t transaction_id) override;
    StopOutcome close_session(const std::string &charger_id, const SessionStop &stop,
                              const std::vector<MeterValue> &values, TimePoint now) override;
    void add_meter_values(const std::vector<MeterValue> &values) override;
    TransactionEventOutcome record_transaction_event(const TransactionEventRecord &event, IdTagStatus start_status,
                                                     std::vector<MeterValue> values, TimePoint now) override;
    std::vector<TransactionEventRecord> transaction_events(std::int64_t transaction_id) override;
    std::optional<Session> find_by_station_id(const std::string &charger_id,
                                              const std::string &station_transaction_id) override;
    std::vector<Session> list(const SessionQuery &query) override;
    SessionPage page(const SessionQuery &query) override;
    bool link_vehicle(std::int64_t transaction_id, const std::string &vehicle_id, VehicleLink link,
                      bool keep_manual) override;
    void save_cost(std::int64_t transaction_id, double amount, const std::string &currency) override;
    std::vector<MeterValue> meter_values(const MeterQuery &query) override;
    std::vector<OrphanStop> orphan_stops(int limit, const std::string &organisation_id = {}) override;
    std::vector<MeterValue> orphan_meter_values(int limit, const std::string &organisation_id = {}) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
