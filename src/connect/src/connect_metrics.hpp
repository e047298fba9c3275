#pragma once
// The OCPP ingress's Prometheus metrics:
//   manage_ocpp_connections{version}                          gauge
//   manage_ocpp_messages_total{direction,action,type}         counter (direction in|out, type call|result|error)
//   manage_ocpp_frame_errors_total{reason}                    counter
#include "manage/ocpp/version.hpp"

#include <string>
#include <string_view>

namespace manage::infra {
class Metrics;
}

namespace manage::connect {

inline constexpr const char *kConnectionsMetric = "manage_ocpp_connections";
inline constexpr const char *kMessagesMetric = "manage_ocpp_messages_total";
inline constexpr const char *kFrameErrorsMetric = "manage_ocpp_frame_errors_total";

enum class MessageDirection { In, Out };
enum class MessageType { Call, Result, Error };

// Why a frame was refused or dropped (the `reason` label).
enum class FrameError {
    Malformed,       // not a valid OCPP-J RPC message
    Binary,          // a binary frame (OCPP-J is text only)
    TooBig,          // over max_frame_bytes
    UnknownAction,   // a CALL whose action the version does not define
    InvalidPayload,  // a CALL payload that fails its schema
    InvalidResponse, // a CALLRESULT payload that fails its schema
    Unmatched,       // a CALLRESULT/CALLERROR for no outstanding call
    Overload,        // more queued CALLs than a charger may have
};

std::string_view frame_error_label(FrameError error);

class ConnectMetrics {
public:
    explicit ConnectMetrics(infra::Metrics &metrics);

    void connection_opened(ocpp::Version version);
    void connection_closed(ocpp::Version version);
    // `action` must be a known action name or empty (label "unknown"): the label's values stay bounded.
    void message(MessageDirection direction, std::string_view action, MessageType type);
    void frame_error(FrameError error);

private:
    infra::Metrics &metrics_;
};

} // namespace manage::connect
