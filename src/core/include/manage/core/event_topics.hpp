#pragma once
// Every topic core publishes on the Bus. Publishers name topics through these constants only, and a
// unit test checks that docs/events.md documents each of them, with its payload.
#include <array>
#include <string_view>

namespace manage::core::topics {

inline constexpr std::string_view kChargerRegistered = "charger.registered";
inline constexpr std::string_view kChargerConnected = "charger.connected";
inline constexpr std::string_view kChargerDisconnected = "charger.disconnected";
inline constexpr std::string_view kChargerBooted = "charger.booted";
inline constexpr std::string_view kChargerStatus = "charger.status";
inline constexpr std::string_view kChargerFault = "charger.fault";
inline constexpr std::string_view kSessionStarted = "session.started";
inline constexpr std::string_view kSessionUpdated = "session.updated";
inline constexpr std::string_view kSessionStopped = "session.stopped";
inline constexpr std::string_view kTransactionEvent = "transaction.event";
inline constexpr std::string_view kMeterValues = "meter.values";
inline constexpr std::string_view kOrphanRecorded = "orphan.recorded";
inline constexpr std::string_view kLocalListSynced = "local_list.synced";
inline constexpr std::string_view kFirmwareStatus = "firmware.status";
inline constexpr std::string_view kDiagnosticsStatus = "diagnostics.status";
inline constexpr std::string_view kLogStatus = "log.status";
inline constexpr std::string_view kSecurityEvent = "security.event";
inline constexpr std::string_view kCertificateRequested = "certificate.requested";
inline constexpr std::string_view kCertificateDelivered = "certificate.delivered";
inline constexpr std::string_view kIso15118Requested = "certificate.iso15118";
inline constexpr std::string_view kReservationStatus = "reservation.status";
inline constexpr std::string_view kDataTransfer = "data.transfer";
inline constexpr std::string_view kDeviceModelReported = "device_model.reported";
inline constexpr std::string_view kSmartChargingReported = "smart_charging.reported";
inline constexpr std::string_view kChargerMonitoringEvent = "charger.monitoring_event";
inline constexpr std::string_view kMonitoringReported = "monitoring.reported";
inline constexpr std::string_view kCustomerInformationReported = "customer_information.reported";
inline constexpr std::string_view kDisplayMessagesReported = "display_messages.reported";
inline constexpr std::string_view kLiveChanged = "live.changed";

inline constexpr std::array kAll{
    kChargerRegistered,
    kChargerConnected,
    kChargerDisconnected,
    kChargerBooted,
    kChargerStatus,
    kChargerFault,
    kSessionStarted,
    kSessionUpdated,
    kSessionStopped,
    kTransactionEvent,
    kMeterValues,
    kOrphanRecorded,
    kLocalListSynced,
    kFirmwareStatus,
    kDiagnosticsStatus,
    kLogStatus,
    kSecurityEvent,
    kCertificateRequested,
    kIso15118Requested,
    kReservationStatus,
    kDataTransfer,
    kDeviceModelReported,
    kSmartChargingReported,
    kChargerMonitoringEvent,
    kMonitoringReported,
    kCustomerInformationReported,
    kDisplayMessagesReported,
    kCertificateDelivered,
    kLiveChanged,
};

} // namespace manage::core::topics
