#pragma once
// What a simulated charger sends and answers, per OCPP version: OCPP 1.6 (`ocpp1.6`) or OCPP 2.0.1
// (`ocpp2.0.1`). Pure functions over JSON, so the worker only moves frames.
#include <nlohmann/json.hpp>

#include <string>

namespace manage::bench {

inline constexpr const char *kOcpp16 = "1.6";
inline constexpr const char *kOcpp201 = "2.0.1";

// The WebSocket subprotocol of a version ("1.6" → "ocpp1.6").
std::string subprotocol(const std::string &version);

std::string boot_frame(const std::string &version);

// What one charger remembers between its CALLs: its 2.0.1 transaction and the next seqNo.
struct ChargerTransaction {
    std::string transaction_id;
    int next_seq_no = 0;
};

// The CALL frame `message` (Heartbeat, MeterValues, TransactionEvent) with message id `id`. A
// TransactionEvent is `Started` first, then `Updated` with the next seqNo each time.
std::string call_frame(const std::string &version, const std::string &id, const std::string &message,
                       ChargerTransaction &transaction);

// The answer a simple charger gives to a CALL of the central system.
std::string answer_server_call(const std::string &version, const nlohmann::json &frame);

} // namespace manage::bench
