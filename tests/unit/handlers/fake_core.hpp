#pragma once
// A CoreLink for handler tests: records every request that reaches core and answers as configured.
// Handlers call it from the worker pool, hence the lock; tests read it once the call has finished.
#include "manage/common/time_format.hpp"
#include "manage/connect/core_link.hpp"

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace manage::connect::testing {

class FakeCore final : public CoreLink {
public:
    void connected(const std::string &id, ocpp::Version) override { log("connected " + id); }
    void disconnected(const std::string &id) override { log("disconnected " + id); }
    BootAnswer boot(const std::string &id, ocpp::Version, const BootRequest &request) override {
        log("boot " + id);
        std::lock_guard lock(mutex_);
        last_boot = request;
        return BootAnswer{boot_status, 120, now};
    }
    bool accepts(const std::string &) override {
        ++accepts_asked;
        return accepted;
    }
    TimePoint heartbeat(const std::string &id) override {
        log("heartbeat " + id);
        return now;
    }
    void status(const std::string &id, const StatusUpdate &update) override {
        log("status " + id);
        std::lock_guard lock(mutex_);
        last_status = update;
    }
    IdTagAnswer authorize(const std::string &id, const std::string &id_tag) override {
        log("authorize " + id);
        std::lock_guard lock(mutex_);
        last_id_tag = id_tag;
        return id_tag_answer;
    }
    IdTagAnswer authorize_token(const std::string &id, const IdToken &token) override {
        log("authorize_token " + id);
        std::lock_guard lock(mutex_);
        last_id_token = token;
        return id_tag_answer;
    }
    TransactionEventAnswer transaction_event(const std::string &id, const TransactionEventReport &report) override {
        log("transaction_event " + id);
        std::lock_guard lock(mutex_);
        last_transaction_event = report;
        return transaction_event_answer;
    }
    TransactionStartAnswer start_transaction(const std::string &id, const TransactionStart &start) override {
        log("start_transaction " + id);
        std::lock_guard lock(mutex_);
        last_start = start;
        return start_answer;
    }
    std::optional<IdTagAnswer> stop_transaction(const std::string &id, const TransactionStop &stop) override {
        log("stop_transaction " + id);
        std::lock_guard lock(mutex_);
        last_stop = stop;
        return stop_answer;
    }
    // Answers from another thread, as core's batch writer does.
    void meter_values(const std::string &id, MeterReport report, Stored done) override {
        log("meter_values " + id);
        {
            std::lock_guard lock(mutex_);
            last_meter_report = report;
        }
        std::thread([done = std::move(done), fail = meter_values_fail] {
            done(fail ? std::make_exception_ptr(std::runtime_error("the store is unavailable")) : nullptr);
        }).detach();
    }
    DataTransferAnswer data_transfer(const std::string &id, const DataTransferRequest &request) override {
        log("data_transfer " + id);
        std::lock_guard lock(mutex_);
        last_data_transfer = request;
        return data_transfer_answer;
    }
    void job_status(const std::string &id, const JobStatus &status) override {
        log("job_status " + id);
        std::lock_guard lock(mutex_);
        last_job_status = status;
    }
    void security_event(const std::string &id, const SecurityEvent &event) override {
        log("security_event " + id);
        std::lock_guard lock(mutex_);
        last_security_event = event;
    }
    SigningAnswer sign_certificate(const std::string &id, const CertificateSigningRequest &request) override {
        log("sign_certificate " + id);
        std::lock_guard lock(mutex_);
        last_csr = request;
        return signing_answer;
    }
    void reservation_status(const std::string &id, const ReservationUpdate &update) override {
        log("reservation_status " + id);
        std::lock_guard lock(mutex_);
        last_reservation_update = update;
    }
    Iso15118Answer certificate_request_15118(const std::string &id, const Iso15118Request &request) override {
        log("certificate_request_15118 " + id);
        std::lock_guard lock(mutex_);
        last_iso15118_request = request;
        return iso15118_answer;
    }
    void smart_charging_report(const std::string &id, const SmartChargingReport &report) override {
        log("smart_charging_report " + id);
        std::lock_guard lock(mutex_);
        last_smart_charging_report = report;
    }

    void device_report(const std::string &id, const DeviceReportPart &part) override {
        log("device_report " + id);
        std::lock_guard lock(mutex_);
        last_device_report = part;
    }

    void monitoring_events(const std::string &id, const MonitoringEventsPart &part) override {
        log("monitoring_events " + id);
        std::lock_guard lock(mutex_);
        last_monitoring_events = part;
    }
    PartVerdict monitoring_report(const std::string &id, const MonitoringReportPart &part) override {
        log("monitoring_report " + id);
        std::lock_guard lock(mutex_);
        last_monitoring_report = part;
        return part_verdict;
    }
    PartVerdict customer_information(const std::string &id, const CustomerInformationPart &part) override {
        log("customer_information " + id);
        std::lock_guard lock(mutex_);
        last_customer_information = part;
        return part_verdict;
    }
    void display_messages(const std::string &id, const DisplayMessagesPart &part) override {
        log("display_messages " + id);
        std::lock_guard lock(mutex_);
        last_display_messages = part;
    }

    void log(const std::string &line) {
        std::lock_guard lock(mutex_);
        calls.push_back(line);
    }
    // How many requests reached core (connected/disconnected included).
    std::size_t call_count() {
        std::lock_guard lock(mutex_);
        return calls.size();
    }

    // Answers.
    BootStatus boot_status = BootStatus::Accepted;
    bool accepted = true;
    std::atomic<int> accepts_asked{0};
    bool meter_values_fail = false;
    TimePoint now = *parse_time("2026-11-26T10:00:00Z");
    IdTagAnswer id_tag_answer{AuthorizationStatus::Accepted, std::nullopt, ""};
    TransactionStartAnswer start_answer{4711, {AuthorizationStatus::Accepted, std::nullopt, ""}};
    std::optional<IdTagAnswer> stop_answer;
    TransactionEventAnswer transaction_event_answer;
    DataTransferAnswer data_transfer_answer;
    SigningAnswer signing_answer{.accepted = true, .reason_code = {}, .additional_info = {}};
    // What core answers while no ISO 15118 PKI is configured.
    Iso15118Answer iso15118_answer{false, "NoPKI", "no ISO 15118 PKI is configured on this CSMS", ""};
    // What core makes of a part of a multi-part report (NotifyMonitoringReport, NotifyCustomerInformation).
    PartVerdict part_verdict = PartVerdict::Kept;

    // What reached core.
    BootRequest last_boot;
    StatusUpdate last_status;
    std::string last_id_tag;
    TransactionStart last_start;
    IdToken last_id_token;
    TransactionEventReport last_transaction_event;
    TransactionStop last_stop;
    MeterReport last_meter_report;
    DataTransferRequest last_data_transfer;
    JobStatus last_job_status;
    SecurityEvent last_security_event;
    CertificateSigningRequest last_csr;
    ReservationUpdate last_reservation_update;
    Iso15118Request last_iso15118_request;
    SmartChargingReport last_smart_charging_report;
    DeviceReportPart last_device_report;
    MonitoringEventsPart last_monitoring_events;
    MonitoringReportPart last_monitoring_report;
    CustomerInformationPart last_customer_information;
    DisplayMessagesPart last_display_messages;
    std::vector<std::string> calls;
    std::mutex mutex_;
};

} // namespace manage::connect::testing
