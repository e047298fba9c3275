#pragma once
// Charging sessions from StartTransaction, MeterValues and StopTransaction, resends and orphans
// included. Store and Bus through their ports.
#include "manage/common/clock.hpp"
#include "manage/core/session_repository.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::infra {
class Bus;
}

namespace manage::core {

class Authorization;

struct TransactionStartRequest {
    int connector_id = 0;
    std::string id_tag;
    std::int64_t meter_start_wh = 0;
    TimePoint timestamp{};
    std::optional<int> reservation_id;
};

struct TransactionStartResult {
    std::int64_t transaction_id = 0;
    IdTagInfo id_tag_info;
    bool resent = false; // the charger had sent this start before
};

struct TransactionStopRequest {
    std::int64_t transaction_id = 0;
    std::string id_tag; // empty: none sent
    std::int64_t meter_stop_wh = 0;
    TimePoint timestamp{};
    std::string reason;
    std::vector<MeterSample> transaction_data;
};

struct MeterValuesReport {
    int connector_id = 0;
    std::optional<std::int64_t> transaction_id;
    std::vector<MeterSample> samples;
};

struct Orphans {
    std::vector<OrphanStop> stops;
    std::vector<MeterValue> meter_values;
};

class Transactions {
public:
    Transactions(SessionRepository &repository, Authorization &authorization, infra::Bus &bus, const Clock &clock);

    TransactionStartResult start(const std::string &charger_id, const TransactionStartRequest &request);
    // Never refuses. The tag's info when the stop carried a tag.
    std::optional<IdTagInfo> stop(const std::string &charger_id, const TransactionStopRequest &request);
    // Never refuses: values for a transaction core does not know are kept as orphans.
    void meter_values(const std::string &charger_id, const MeterValuesReport &report);

    std::vector<Session> list(const SessionQuery &query);
    std::optional<Session> find(std::int64_t transaction_id);
    std::vector<MeterValue> meter_values_of(const MeterQuery &query);
    Orphans orphans(int limit);

private:
    SessionRepository &repository_;
    Authorization &authorization_;
    infra::Bus &bus_;
    const Clock &clock_;
};

} // namespace manage::core
