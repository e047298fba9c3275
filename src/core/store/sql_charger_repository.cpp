#include "manage/core/sql_charger_repository.hpp"

#include "manage/common/ids.hpp"
#include "store/sql_support.hpp"

#include <soci/soci.h>

#include <map>

namespace manage::core {
namespace {

long long to_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_ms(long long ms) {
    return TimePoint{std::chrono::milliseconds{ms}};
}

constexpr const char *kChargerColumns =
    "id, registration, ocpp_version, vendor, model, serial_number, firmware_version, boot_reason, last_boot_at, "
    "status, created_at, organisation_id, site_id, load_group_id, max_power_kw, phases, name, version";

Charger charger_from_row(const soci::row &row) {
    Charger c;
    c.id = row.get<std::string>(0);
    c.registration = registration_from_string(row.get<std::string>(1)).value_or(Registration::Rejected);
    c.ocpp_version = row.get<std::string>(2);
    c.boot.vendor = row.get<std::string>(3);
    c.boot.model = row.get<std::string>(4);
    c.boot.serial_number = row.get<std::string>(5);
    c.boot.firmware_version = row.get<std::string>(6);
    c.boot.reason = row.get<std::string>(7);
    if (row.get_indicator(8) == soci::i_ok)
        c.last_boot_at = from_ms(row.get<long long>(8));
    c.status = row.get<std::string>(9);
    c.created_at = from_ms(row.get<long long>(10));
    c.organisation_id = row.get<std::string>(11);
    c.site_id = sql::optional_value<std::string>(row, 12);
    c.load_group_id = sql::optional_value<std::string>(row, 13);
    c.max_power_kw = sql::optional_value<double>(row, 14);
    if (row.get_indicator(15) == soci::i_ok)
        c.phases = row.get<int>(15);
    c.name = sql::optional_value<std::string>(row, 16);
    c.version = row.get<long long>(17);
    return c;
}

Connector connector_from_row(const soci::row &row) {
    Connector c;
    c.evse_id = row.get<int>(1);
    c.connector_id = row.get<int>(2);
    c.status = row.get<std::string>(3);
    c.error_code = row.get<std::string>(4);
    c.info = row.get<std::string>(5);
    c.vendor_error_code = row.get<std::string>(6);
    c.status_changed_at = from_ms(row.get<long long>(7));
    c.type = sql::optional_value<std::string>(row, 8);
    c.max_power_kw = sql::optional_value<double>(row, 9);
    return c;
}

constexpr const char *kConnectorQuery =
    "SELECT charger_id, evse_id, connector_id, status, error_code, info, vendor_error_code, status_changed_at, "
    "connector_type, max_power_kw FROM connectors";

} // namespace

std::optional<Charger> SqlChargerRepository::find(const std::string &id) {
    std::optional<Charger> found;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kChargerColumns << " FROM chargers WHERE id = :id", soci::use(id));
        for (const auto &row : rows)
            found = charger_from_row(row);
        if (!found)
            return;
        soci::rowset<soci::row> connectors =
            (sql.prepare << kConnectorQuery << " WHERE charger_id = :id ORDER BY evse_id, connector_id", soci::use(id));
        for (const auto &row : connectors)
            found->connectors.push_back(connector_from_row(row));
    });
    return found;
}

std::vector<Charger> SqlChargerRepository::list(const std::string &organisation_id) {
    std::vector<Charger> chargers;
    database_.with_session([&](soci::session &sql) {
        std::map<std::string, std::size_t> index;
        const int every_organisation = organisation_id.empty() ? 1 : 0;
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kChargerColumns
                         << " FROM chargers WHERE (:all = 1 OR organisation_id = :org) ORDER BY id",
             soci::use(every_organisation), soci::use(organisation_id));
        for (const auto &row : rows) {
            chargers.push_back(charger_from_row(row));
            index[chargers.back().id] = chargers.size() - 1;
        }
        soci::rowset<soci::row> connectors =
            (sql.prepare << kConnectorQuery << " ORDER BY charger_id, evse_id, connector_id");
        for (const auto &row : connectors) {
            const auto it = index.find(row.get<std::string>(0));
            if (it != index.end())
                chargers[it->second].connectors.push_back(connector_from_row(row));
        }
    });
    return chargers;
}

bool SqlChargerRepository::save_registration(const std::string &id, Registration registration, TimePoint now,
                                             const std::string &organisation_id) {
    bool created = false;
    const auto text = to_string(registration);
    const auto created_at = to_ms(now);
    database_.in_transaction([&](soci::session &sql) {
        int count = 0;
        sql << "SELECT COUNT(*) FROM chargers WHERE id = :id", soci::use(id), soci::into(count);
        if (count == 0) {
            sql << "INSERT INTO chargers (id, registration, created_at, organisation_id) "
                   "VALUES (:id, :registration, :created_at, :org)",
                soci::use(id), soci::use(text), soci::use(created_at), soci::use(organisation_id);
            created = true;
        } else {
            sql << "UPDATE chargers SET registration = :registration WHERE id = :id", soci::use(text), soci::use(id);
        }
    });
    return created;
}

void SqlChargerRepository::save_boot(const std::string &id, const std::string &ocpp_version, const BootInfo &boot,
                                     TimePoint at) {
    const auto at_ms = to_ms(at);
    database_.with_session([&](soci::session &sql) {
        sql << "UPDATE chargers SET ocpp_version = :version, vendor = :vendor, model = :model, "
               "serial_number = :serial, firmware_version = :firmware, boot_reason = :reason, last_boot_at = :at "
               "WHERE id = :id",
            soci::use(ocpp_version), soci::use(boot.vendor), soci::use(boot.model), soci::use(boot.serial_number),
            soci::use(boot.firmware_version), soci::use(boot.reason), soci::use(at_ms), soci::use(id);
    });
}

void SqlChargerRepository::save_status(const std::string &id, const StatusReport &report, TimePoint at) {
    const auto reported_ms = to_ms(report.timestamp.value_or(at));
    const auto received_ms = to_ms(at);
    const auto history_id = new_uuid();
    database_.in_transaction([&](soci::session &sql) {
        if (report.evse_id == 0 && report.connector_id == 0) {
            sql << "UPDATE chargers SET status = :status WHERE id = :id", soci::use(report.status), soci::use(id);
        } else {
            // The time of last change moves only when the status does.
            sql << "INSERT INTO connectors (charger_id, evse_id, connector_id, status, error_code, info, "
                   "vendor_error_code, status_changed_at) VALUES (:id, :evse, :connector, :status, :error, :info, "
                   ":vendor_error, :changed) "
                   "ON CONFLICT (charger_id, evse_id, connector_id) DO UPDATE SET "
                   "status_changed_at = CASE WHEN connectors.status <> excluded.status "
                   "THEN excluded.status_changed_at ELSE connectors.status_changed_at END, "
                   "status = excluded.status, error_code = excluded.error_code, info = excluded.info, "
                   "vendor_error_code = excluded.vendor_error_code",
                soci::use(id), soci::use(report.evse_id), soci::use(report.connector_id), soci::use(report.status),
                soci::use(report.error_code), soci::use(report.info), soci::use(report.vendor_error_code),
                soci::use(reported_ms);
        }
        sql << "INSERT INTO status_history (id, charger_id, evse_id, connector_id, status, error_code, info, "
               "vendor_error_code, reported_at, received_at) VALUES (:hid, :id, :evse, :connector, :status, "
               ":error, :info, :vendor_error, :reported, :received)",
            soci::use(history_id), soci::use(id), soci::use(report.evse_id), soci::use(report.connector_id),
            soci::use(report.status), soci::use(report.error_code), soci::use(report.info),
            soci::use(report.vendor_error_code), soci::use(reported_ms), soci::use(received_ms);
    });
}

} // namespace manage::core
