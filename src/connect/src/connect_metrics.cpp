#include "connect_metrics.hpp"

#include "manage/infra/metrics.hpp"

namespace manage::connect {

std::string_view frame_error_label(FrameError error) {
    switch (error) {
    case FrameError::Malformed:
        return "malformed";
    case FrameError::Binary:
        return "binary";
    case FrameError::TooBig:
        return "too_big";
    case FrameError::UnknownAction:
        return "unknown_action";
    case FrameError::InvalidPayload:
        return "invalid_payload";
    case FrameError::InvalidResponse:
        return "invalid_response";
    case FrameError::Unmatched:
        return "unmatched";
    case FrameError::Overload:
        return "overload";
    }
    return "other";
}

ConnectMetrics::ConnectMetrics(infra::Metrics &metrics) : metrics_(metrics) {
    metrics_.describe(kConnectionsMetric, "gauge", "Open OCPP charger connections, by OCPP version.");
    metrics_.describe(kMessagesMetric, "counter", "OCPP-J RPC messages received and sent.");
    metrics_.describe(kFrameErrorsMetric, "counter", "OCPP-J frames refused or dropped, by reason.");
    for (const auto version : {ocpp::Version::v16, ocpp::Version::v201}) {
        metrics_.add_gauge(kConnectionsMetric, {{"version", std::string(ocpp::version_label(version))}}, 0.0);
    }
}

void ConnectMetrics::connection_opened(ocpp::Version version) {
    metrics_.add_gauge(kConnectionsMetric, {{"version", std::string(ocpp::version_label(version))}}, 1.0);
}

void ConnectMetrics::connection_closed(ocpp::Version version) {
    metrics_.add_gauge(kConnectionsMetric, {{"version", std::string(ocpp::version_label(version))}}, -1.0);
}

void ConnectMetrics::message(MessageDirection direction, std::string_view action, MessageType type) {
    const char *type_label = type == MessageType::Call ? "call" : type == MessageType::Result ? "result" : "error";
    metrics_.increment(kMessagesMetric, {{"direction", direction == MessageDirection::In ? "in" : "out"},
                                         {"action", action.empty() ? "unknown" : std::string(action)},
                                         {"type", type_label}});
}

void ConnectMetrics::frame_error(FrameError error) {
    metrics_.increment(kFrameErrorsMetric, {{"reason", std::string(frame_error_label(error))}});
}

} // namespace manage::connect
