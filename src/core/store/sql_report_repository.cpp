#include "manage/core/sql_report_repository.hpp"

#include "store/sql_support.hpp"

#include <nlohmann/json.hpp>

namespace manage::core {
namespace {

using sql::from_ms;
using sql::to_ms;

JobKind job_kind_from_string(const std::string &text) {
    for (auto kind :
         {JobKind::Diagnostics, JobKind::Firmware, JobKind::SignedFirmware, JobKind::Log, JobKind::PublishFirmware})
        if (to_string(kind) == text)
            return kind;
    return JobKind::Firmware;
}

// A job's locations: a JSON array of strings, '' when there are none.
std::string locations_text(const std::vector<std::string> &locations) {
    return locations.empty() ? std::string() : nlohmann::json(locations).dump();
}

std::vector<std::string> locations_from_text(const std::string &text) {
    if (text.empty())
        return {};
    return nlohmann::json::parse(text).get<std::vector<std::string>>();
}

// Runs `query` (with :charger and :limit) and maps each row.
template <class T, class Map>
std::vector<T> select(infra::Database &database, const std::string &query, const std::string &charger_id, int limit,
                      Map map) {
    std::vector<T> records;
    database.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows = (session.prepare << query, soci::use(charger_id), soci::use(limit));
        for (const auto &row : rows)
            records.push_back(map(row));
    });
    return records;
}

} // namespace

void SqlReportRepository::add_job_status(const JobStatusRecord &r) {
    const auto kind = to_string(r.kind);
    auto request_id = sql::nullable<int>(r.request_id);
    const auto received = to_ms(r.received_at);
    const auto locations = locations_text(r.locations);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO charger_jobs (id, charger_id, kind, status, request_id, received_at, locations) "
                   "VALUES (:id, :charger, :kind, :status, :request, :received, :locations)",
            soci::use(r.id), soci::use(r.charger_id), soci::use(kind), soci::use(r.status),
            soci::use(request_id.value, request_id.indicator), soci::use(received), soci::use(locations);
    });
}

void SqlReportRepository::add_security_event(const SecurityEventRecord &r) {
    const auto occurred = to_ms(r.timestamp);
    const auto received = to_ms(r.received_at);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO security_events (id, charger_id, type, occurred_at, tech_info, received_at) VALUES "
                   "(:id, :charger, :type, :occurred, :info, :received)",
            soci::use(r.id), soci::use(r.charger_id), soci::use(r.type), soci::use(occurred), soci::use(r.tech_info),
            soci::use(received);
    });
}

void SqlReportRepository::add_certificate_request(const CertificateRequestRecord &r) {
    const auto received = to_ms(r.received_at);
    auto expires = sql::nullable_ms(r.expires_at);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO certificate_requests (id, charger_id, csr, status, subject, reason, received_at, "
                   "certificate_type, certificate, serial_number, expires_at) VALUES (:id, :charger, :csr, :status, "
                   ":subject, :reason, :received, :type, :certificate, :serial, :expires)",
            soci::use(r.id), soci::use(r.charger_id), soci::use(r.csr), soci::use(r.status), soci::use(r.subject),
            soci::use(r.reason), soci::use(received), soci::use(r.certificate_type), soci::use(r.certificate),
            soci::use(r.serial_number), soci::use(expires.value, expires.indicator);
    });
}

bool SqlReportRepository::set_certificate_request_status(const std::string &charger_id, const std::string &id,
                                                         const std::string &status, const std::string &reason) {
    bool updated = false;
    database_.with_session([&](soci::session &session) {
        soci::statement update = (session.prepare << "UPDATE certificate_requests SET status = :status, reason = "
                                                     ":reason WHERE charger_id = :charger AND id = :id",
                                  soci::use(status), soci::use(reason), soci::use(charger_id), soci::use(id));
        update.execute(true);
        updated = update.get_affected_rows() > 0;
    });
    return updated;
}

void SqlReportRepository::add_data_transfer(const DataTransferRecord &r) {
    const auto received = to_ms(r.received_at);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO data_transfers (id, charger_id, vendor_id, message_id, data, status, received_at) "
                   "VALUES (:id, :charger, :vendor, :message, :data, :status, :received)",
            soci::use(r.id), soci::use(r.charger_id), soci::use(r.vendor_id), soci::use(r.message_id),
            soci::use(r.data), soci::use(r.status), soci::use(received);
    });
}

void SqlReportRepository::add_iso15118_request(const Iso15118RequestRecord &r) {
    const auto received = to_ms(r.received_at);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO iso15118_requests (id, charger_id, action, details, status, reason, received_at) "
                   "VALUES (:id, :charger, :action, :details, :status, :reason, :received)",
            soci::use(r.id), soci::use(r.charger_id), soci::use(r.action), soci::use(r.details), soci::use(r.status),
            soci::use(r.reason), soci::use(received);
    });
}

void SqlReportRepository::add_smart_charging_report(const SmartChargingReportRecord &r) {
    const auto received = to_ms(r.received_at);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO smart_charging_reports (id, charger_id, action, evse_id, details, received_at) "
                   "VALUES (:id, :charger, :action, :evse, :details, :received)",
            soci::use(r.id), soci::use(r.charger_id), soci::use(r.action), soci::use(r.evse_id), soci::use(r.details),
            soci::use(received);
    });
}

std::vector<JobStatusRecord> SqlReportRepository::job_statuses(const std::string &charger_id, int limit) {
    return select<JobStatusRecord>(
        database_,
        "SELECT id, charger_id, kind, status, request_id, received_at, locations FROM charger_jobs WHERE charger_id "
        "= :charger ORDER BY received_at DESC, id LIMIT :limit",
        charger_id, limit, [](const soci::row &row) {
            return JobStatusRecord{row.get<std::string>(0),
                                   row.get<std::string>(1),
                                   job_kind_from_string(row.get<std::string>(2)),
                                   row.get<std::string>(3),
                                   sql::optional_value<int>(row, 4),
                                   from_ms(row.get<long long>(5)),
                                   locations_from_text(row.get<std::string>(6))};
        });
}

std::vector<SecurityEventRecord> SqlReportRepository::security_events(const std::string &charger_id, int limit) {
    return select<SecurityEventRecord>(
        database_,
        "SELECT id, charger_id, type, occurred_at, tech_info, received_at FROM security_events WHERE charger_id = "
        ":charger ORDER BY received_at DESC, id LIMIT :limit",
        charger_id, limit, [](const soci::row &row) {
            return SecurityEventRecord{row.get<std::string>(0), row.get<std::string>(1),
                                       row.get<std::string>(2), from_ms(row.get<long long>(3)),
                                       row.get<std::string>(4), from_ms(row.get<long long>(5))};
        });
}

namespace {

constexpr const char *kCertificateRequestColumns =
    "SELECT id, charger_id, csr, status, subject, reason, received_at, certificate_type, certificate, serial_number, "
    "expires_at FROM certificate_requests ";

CertificateRequestRecord certificate_request_of(const soci::row &row) {
    return CertificateRequestRecord{.id = row.get<std::string>(0),
                                    .charger_id = row.get<std::string>(1),
                                    .csr = row.get<std::string>(2),
                                    .status = row.get<std::string>(3),
                                    .subject = row.get<std::string>(4),
                                    .reason = row.get<std::string>(5),
                                    .received_at = from_ms(row.get<long long>(6)),
                                    .certificate_type = row.get<std::string>(7),
                                    .certificate = row.get<std::string>(8),
                                    .serial_number = row.get<std::string>(9),
                                    .expires_at = sql::optional_time(row, 10)};
}

} // namespace

std::vector<CertificateRequestRecord> SqlReportRepository::certificate_requests(const std::string &charger_id,
                                                                                int limit) {
    return select<CertificateRequestRecord>(
        database_,
        std::string(kCertificateRequestColumns) +
            "WHERE charger_id = :charger ORDER BY received_at DESC, id LIMIT :limit",
        charger_id, limit, certificate_request_of);
}

std::optional<CertificateRequestRecord> SqlReportRepository::certificate_request(const std::string &charger_id,
                                                                                 const std::string &id) {
    std::optional<CertificateRequestRecord> record;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << std::string(kCertificateRequestColumns) + "WHERE charger_id = :charger AND id = :id",
             soci::use(charger_id), soci::use(id));
        for (const auto &row : rows)
            record = certificate_request_of(row);
    });
    return record;
}

std::vector<DataTransferRecord> SqlReportRepository::data_transfers(const std::string &charger_id, int limit) {
    return select<DataTransferRecord>(
        database_,
        "SELECT id, charger_id, vendor_id, message_id, data, status, received_at FROM data_transfers WHERE charger_id "
        "= :charger ORDER BY received_at DESC, id LIMIT :limit",
        charger_id, limit, [](const soci::row &row) {
            return DataTransferRecord{row.get<std::string>(0),       row.get<std::string>(1), row.get<std::string>(2),
                                      row.get<std::string>(3),       row.get<std::string>(4), row.get<std::string>(5),
                                      from_ms(row.get<long long>(6))};
        });
}

std::vector<Iso15118RequestRecord> SqlReportRepository::iso15118_requests(const std::string &charger_id, int limit) {
    return select<Iso15118RequestRecord>(
        database_,
        "SELECT id, charger_id, action, details, status, reason, received_at FROM iso15118_requests WHERE charger_id "
        "= :charger ORDER BY received_at DESC, id LIMIT :limit",
        charger_id, limit, [](const soci::row &row) {
            return Iso15118RequestRecord{row.get<std::string>(0),       row.get<std::string>(1),
                                         row.get<std::string>(2),       row.get<std::string>(3),
                                         row.get<std::string>(4),       row.get<std::string>(5),
                                         from_ms(row.get<long long>(6))};
        });
}

std::vector<SmartChargingReportRecord>
SqlReportRepository::smart_charging_reports(const std::string &charger_id, const std::string &action, int limit) {
    std::vector<SmartChargingReportRecord> records;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare
                 << "SELECT id, charger_id, action, evse_id, details, received_at FROM "
                    "smart_charging_reports WHERE charger_id = :charger AND (CAST(:action AS TEXT) = '' OR action = "
                    ":action2) ORDER BY received_at DESC, id LIMIT :limit",
             soci::use(charger_id), soci::use(action), soci::use(action), soci::use(limit));
        for (const auto &row : rows)
            records.push_back(SmartChargingReportRecord{row.get<std::string>(0), row.get<std::string>(1),
                                                        row.get<std::string>(2), row.get<int>(3),
                                                        row.get<std::string>(4), from_ms(row.get<long long>(5))});
    });
    return records;
}

} // namespace manage::core
