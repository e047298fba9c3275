#pragma once
// Records what chargers report besides sessions and publishes it through the Events port (the outbox).
#include "manage/common/clock.hpp"
#include "manage/core/charger_report.hpp"

#include <string>
#include <vector>

namespace manage::core {

class Events;

class CertificateAuthority;
class CommandRepository;

class ChargerReports {
public:
    // `reservations` holds the reservations a ReservationStatusUpdate marks; without it the update is
    // only published. `authority` signs stations' certificates; without it SignCertificate is rejected.
    ChargerReports(ReportRepository &repository, Events &events, const Clock &clock,
                   CommandRepository *reservations = nullptr, const CertificateAuthority *authority = nullptr);

    void on_job_status(const std::string &charger_id, JobKind kind, const std::string &status,
                       std::optional<int> request_id, const std::vector<std::string> &locations = {});
    void on_security_event(const std::string &charger_id, const std::string &type, TimePoint timestamp,
                           const std::string &tech_info);
    // SignCertificate: with a CA, a valid CSR for a ChargingStationCertificate is signed at once (status
    // Signed; certificate.requested tells the command service to send CertificateSigned). Rejected with a
    // reason code: InvalidCSR (does not parse, signature, commonName other than the station's id, weak
    // key), NoCA (no CA configured), NoPKI (V2GCertificate: no ISO 15118 PKI), CAExpired. Always recorded.
    SigningDecision on_sign_certificate(const std::string &charger_id, const std::string &csr,
                                        const std::string &certificate_type = "ChargingStationCertificate");
    // What became of CertificateSigned (Installed, RejectedByCharger, NotDelivered): recorded and
    // published as certificate.delivered. False (and nothing published) when the request is unknown.
    bool on_certificate_delivered(const std::string &charger_id, const std::string &request_id,
                                  const std::string &status, const std::string &reason = {});
    std::optional<CertificateRequestRecord> certificate_request(const std::string &charger_id,
                                                                const std::string &request_id);
    // Marks the reservation expired or removed and publishes reservation.status. False when no such
    // reservation is stored (the update is published all the same).
    bool on_reservation_status(const std::string &charger_id, int reservation_id, ReservationEnd end);
    // Get15118EVCertificate, GetCertificateStatus: recorded and published. No ISO 15118 PKI is configured:
    // each is answered Failed with reason NoPKI.
    Iso15118Decision on_iso15118_request(const std::string &charger_id, const std::string &action,
                                         const std::string &details);
    // NotifyEVChargingNeeds, NotifyEVChargingSchedule, NotifyChargingLimit, ClearedChargingLimit,
    // ReportChargingProfiles: recorded (the planner reads the EV's needs) and published.
    void on_smart_charging_report(const std::string &charger_id, const std::string &action, int evse_id,
                                  const std::string &details);
    // No vendor extension is known yet: recorded, published, and answered UnknownVendorId.
    std::string on_data_transfer(const std::string &charger_id, const std::string &vendor_id,
                                 const std::string &message_id, const std::string &data);

    std::vector<JobStatusRecord> job_statuses(const std::string &charger_id, int limit = 100);
    std::vector<SecurityEventRecord> security_events(const std::string &charger_id, int limit = 100);
    std::vector<CertificateRequestRecord> certificate_requests(const std::string &charger_id, int limit = 100);
    std::vector<DataTransferRecord> data_transfers(const std::string &charger_id, int limit = 100);
    std::vector<Iso15118RequestRecord> iso15118_requests(const std::string &charger_id, int limit = 100);
    // Newest first; `action` empty: every action.
    std::vector<SmartChargingReportRecord> smart_charging_reports(const std::string &charger_id,
                                                                  const std::string &action = {}, int limit = 100);

private:
    SigningDecision decide_signing(CertificateRequestRecord &record, bool parsed, TimePoint now);

    ReportRepository &repository_;
    Events &events_;
    const Clock &clock_;
    CommandRepository *reservations_;
    const CertificateAuthority *authority_;
};

} // namespace manage::core
