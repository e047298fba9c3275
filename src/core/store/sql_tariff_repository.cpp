#include "manage/core/sql_tariff_repository.hpp"

#include "store/sql_support.hpp"

#include <nlohmann/json.hpp>

namespace manage::core {
namespace {

using sql::from_ms;
using sql::to_ms;

constexpr const char *kTariffColumns =
    "id, name, currency, timezone, price_per_kwh, session_fee, periods, created_at, updated_at, organisation_id, "
    "demand_charge_per_kw, demand_interval_minutes";

// Periods are kept as JSON text: they are only ever read and written with their tariff.
std::string periods_text(const std::vector<TariffPeriod> &periods) {
    auto json = nlohmann::json::array();
    for (const auto &period : periods) {
        std::string days;
        for (const bool on : period.days)
            days.push_back(on ? '1' : '0');
        json.push_back({{"days", days},
                        {"start", period.start_minute},
                        {"end", period.end_minute},
                        {"price", period.price_per_kwh}});
    }
    return json.dump();
}

std::vector<TariffPeriod> periods_from_text(const std::string &text) {
    std::vector<TariffPeriod> periods;
    for (const auto &item : nlohmann::json::parse(text)) {
        TariffPeriod period;
        const auto days = item.at("days").get<std::string>();
        for (std::size_t day = 0; day < period.days.size() && day < days.size(); ++day)
            period.days[day] = days[day] == '1';
        period.start_minute = item.at("start").get<int>();
        period.end_minute = item.at("end").get<int>();
        period.price_per_kwh = item.at("price").get<double>();
        periods.push_back(period);
    }
    return periods;
}

Tariff tariff_from_row(const soci::row &row) {
    Tariff tariff;
    tariff.id = row.get<std::string>(0);
    tariff.name = row.get<std::string>(1);
    tariff.currency = row.get<std::string>(2);
    tariff.timezone = row.get<std::string>(3);
    tariff.price_per_kwh = row.get<double>(4);
    tariff.session_fee = row.get<double>(5);
    tariff.periods = periods_from_text(row.get<std::string>(6));
    tariff.created_at = from_ms(row.get<long long>(7));
    tariff.updated_at = from_ms(row.get<long long>(8));
    tariff.organisation_id = row.get<std::string>(9);
    tariff.demand_charge_per_kw = row.get<double>(10);
    tariff.demand_interval_minutes = row.get<int>(11);
    return tariff;
}

} // namespace

std::vector<Tariff> SqlTariffRepository::list_tariffs() {
    std::vector<Tariff> tariffs;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows = (session.prepare << "SELECT " << kTariffColumns << " FROM tariffs ORDER BY id");
        for (const auto &row : rows)
            tariffs.push_back(tariff_from_row(row));
    });
    return tariffs;
}

std::optional<Tariff> SqlTariffRepository::find_tariff(const std::string &id) {
    std::optional<Tariff> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kTariffColumns << " FROM tariffs WHERE id = :id", soci::use(id));
        for (const auto &row : rows)
            found = tariff_from_row(row);
    });
    return found;
}

bool SqlTariffRepository::save_tariff(const Tariff &tariff) {
    bool created = false;
    const auto periods = periods_text(tariff.periods);
    const auto created_at = to_ms(tariff.created_at);
    const auto updated_at = to_ms(tariff.updated_at);
    database_.in_transaction([&](soci::session &session) {
        int count = 0;
        session << "SELECT COUNT(*) FROM tariffs WHERE id = :id", soci::use(tariff.id), soci::into(count);
        created = count == 0;
        if (created)
            session << "INSERT INTO tariffs (id, name, currency, timezone, price_per_kwh, session_fee, periods, "
                       "created_at, updated_at, organisation_id, demand_charge_per_kw, demand_interval_minutes) VALUES "
                       "(:id, :name, :currency, :timezone, :price, :fee, :periods, :created, :updated, :org, :demand, "
                       ":interval)",
                soci::use(tariff.id), soci::use(tariff.name), soci::use(tariff.currency), soci::use(tariff.timezone),
                soci::use(tariff.price_per_kwh), soci::use(tariff.session_fee), soci::use(periods),
                soci::use(created_at), soci::use(updated_at), soci::use(tariff.organisation_id),
                soci::use(tariff.demand_charge_per_kw), soci::use(tariff.demand_interval_minutes);
        else
            session << "UPDATE tariffs SET name = :name, currency = :currency, timezone = :timezone, "
                       "price_per_kwh = :price, session_fee = :fee, periods = :periods, updated_at = :updated, "
                       "demand_charge_per_kw = :demand, demand_interval_minutes = :interval WHERE id = :id",
                soci::use(tariff.name), soci::use(tariff.currency), soci::use(tariff.timezone),
                soci::use(tariff.price_per_kwh), soci::use(tariff.session_fee), soci::use(periods),
                soci::use(updated_at), soci::use(tariff.demand_charge_per_kw),
                soci::use(tariff.demand_interval_minutes), soci::use(tariff.id);
    });
    return created;
}

bool SqlTariffRepository::delete_tariff(const std::string &id) {
    bool deleted = false;
    database_.in_transaction([&](soci::session &session) {
        int count = 0;
        session << "SELECT COUNT(*) FROM tariffs WHERE id = :id", soci::use(id), soci::into(count);
        session << "DELETE FROM tariffs WHERE id = :id", soci::use(id);
        deleted = count > 0;
    });
    return deleted;
}

std::vector<std::string> SqlTariffRepository::chargers_billed_by(const std::string &tariff_id) {
    std::vector<std::string> chargers;
    database_.with_session([&](soci::session &session) {
        soci::rowset<std::string> rows =
            (session.prepare << "SELECT charger_id FROM charger_tariffs WHERE tariff_id = :id ORDER BY charger_id",
             soci::use(tariff_id));
        for (const auto &charger : rows)
            chargers.push_back(charger);
    });
    return chargers;
}

std::optional<std::string> SqlTariffRepository::tariff_id_of(const std::string &charger_id) {
    std::optional<std::string> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<std::string> rows =
            (session.prepare << "SELECT tariff_id FROM charger_tariffs WHERE charger_id = :charger",
             soci::use(charger_id));
        for (const auto &id : rows)
            found = id;
    });
    return found;
}

void SqlTariffRepository::assign_tariff(const std::string &charger_id, const std::optional<std::string> &tariff_id) {
    database_.in_transaction([&](soci::session &session) {
        session << "DELETE FROM charger_tariffs WHERE charger_id = :charger", soci::use(charger_id);
        if (tariff_id)
            session << "INSERT INTO charger_tariffs (charger_id, tariff_id) VALUES (:charger, :tariff)",
                soci::use(charger_id), soci::use(*tariff_id);
    });
}

std::vector<std::string> SqlTariffRepository::sites_billed_by(const std::string &tariff_id) {
    std::vector<std::string> sites;
    database_.with_session([&](soci::session &session) {
        soci::rowset<std::string> rows =
            (session.prepare << "SELECT site_id FROM site_tariffs WHERE tariff_id = :id ORDER BY site_id",
             soci::use(tariff_id));
        for (const auto &site : rows)
            sites.push_back(site);
    });
    return sites;
}

std::optional<std::string> SqlTariffRepository::site_tariff_id(const std::string &site_id) {
    std::optional<std::string> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<std::string> rows =
            (session.prepare << "SELECT tariff_id FROM site_tariffs WHERE site_id = :site", soci::use(site_id));
        for (const auto &id : rows)
            found = id;
    });
    return found;
}

void SqlTariffRepository::assign_site_tariff(const std::string &site_id, const std::optional<std::string> &tariff_id) {
    database_.in_transaction([&](soci::session &session) {
        session << "DELETE FROM site_tariffs WHERE site_id = :site", soci::use(site_id);
        if (tariff_id)
            session << "INSERT INTO site_tariffs (site_id, tariff_id) VALUES (:site, :tariff)", soci::use(site_id),
                soci::use(*tariff_id);
    });
}

std::optional<std::string> SqlTariffRepository::billing_tariff_id_of(const std::string &charger_id) {
    std::optional<std::string> own;
    std::optional<std::string> site;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT ct.tariff_id, st.tariff_id FROM chargers c "
                                "LEFT JOIN charger_tariffs ct ON ct.charger_id = c.id "
                                "LEFT JOIN site_tariffs st ON st.site_id = c.site_id WHERE c.id = :charger",
             soci::use(charger_id));
        for (const auto &row : rows) {
            own = sql::optional_value<std::string>(row, 0);
            site = sql::optional_value<std::string>(row, 1);
        }
    });
    return own ? own : site;
}

} // namespace manage::core
