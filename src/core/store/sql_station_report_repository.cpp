#include "manage/core/sql_station_report_repository.hpp"

#include "store/sql_report_parts.hpp"
#include "store/sql_support.hpp"
#include "store/station_report_content.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <tuple>

namespace manage::core {
namespace {

using sql::Assembly;
using sql::from_ms;
using sql::NewPart;
using sql::to_ms;

PartOutcome outcome_of(const Assembly &assembly, std::size_t items, TimePoint completed_at) {
    PartOutcome outcome;
    outcome.verdict = assembly.verdict;
    if (!assembly.completed)
        return outcome;
    const auto &parts = *assembly.completed;
    outcome.completed = true;
    outcome.parts = static_cast<int>(parts.size());
    outcome.items = items;
    outcome.generated_at =
        !parts.empty() && parts.front().generated_at ? from_ms(*parts.front().generated_at) : completed_at;
    return outcome;
}

// A component's columns, bound by reference: name, instance, EVSE and connector.
struct ComponentColumns {
    std::string name, instance;
    sql::Nullable<int> evse, connector;
    void set(const DeviceComponent &c) {
        name = c.name;
        instance = c.instance;
        evse = sql::nullable<int>(c.evse_id);
        connector = sql::nullable<int>(c.connector_id);
    }
};

// The later of two entries with one id wins; the first one's place is kept.
template <class T> std::vector<T> last_per_id(std::vector<T> items) {
    std::vector<T> out;
    std::map<int, std::size_t> index;
    for (auto &item : items) {
        const auto [it, added] = index.emplace(item.id, out.size());
        if (added)
            out.push_back(std::move(item));
        else
            out[it->second] = std::move(item);
    }
    return out;
}

// Every entry of a completed report's parts, read with `from_text`, the later of two with one id winning.
template <class Parts, class FromText> auto entries_of(const Parts &parts, FromText from_text) {
    decltype(from_text(std::string())) entries;
    for (const auto &p : parts) {
        auto some = from_text(p.content);
        std::move(some.begin(), some.end(), std::back_inserter(entries));
    }
    return last_per_id(std::move(entries));
}

void replace_monitors(soci::session &session, const std::string &charger_id, int request_id,
                      const std::vector<VariableMonitor> &monitors, long long generated_at, long long at) {
    session << "DELETE FROM variable_monitors WHERE charger_id = :charger", soci::use(charger_id);
    if (monitors.empty())
        return;
    int id = 0, transaction = 0, severity = 0;
    double value = 0;
    std::string type, variable, variable_instance;
    ComponentColumns component;
    soci::statement insert =
        (session.prepare << "INSERT INTO variable_monitors (charger_id, monitor_id, component_name, "
                            "component_instance, evse_id, connector_id, variable_name, variable_instance, "
                            "transaction_only, value, monitor_type, severity, request_id, generated_at, updated_at) "
                            "VALUES (:charger, :id, :cname, :cinstance, :evse, :connector, :vname, :vinstance, :tx, "
                            ":value, :type, :severity, :request, :generated, :at)",
         soci::use(charger_id), soci::use(id), soci::use(component.name), soci::use(component.instance),
         soci::use(component.evse.value, component.evse.indicator),
         soci::use(component.connector.value, component.connector.indicator), soci::use(variable),
         soci::use(variable_instance), soci::use(transaction), soci::use(value), soci::use(type), soci::use(severity),
         soci::use(request_id), soci::use(generated_at), soci::use(at));
    for (const auto &m : monitors) {
        id = m.id;
        component.set(m.component);
        variable = m.variable.name;
        variable_instance = m.variable.instance;
        transaction = m.transaction ? 1 : 0;
        value = m.value;
        type = m.type;
        severity = m.severity;
        insert.execute(true);
    }
}

void replace_display_messages(soci::session &session, const std::string &charger_id, int request_id,
                              const std::vector<DisplayMessage> &messages, long long at) {
    session << "DELETE FROM display_messages WHERE charger_id = :charger", soci::use(charger_id);
    if (messages.empty())
        return;
    int id = 0;
    std::string priority, state, transaction_id, format, language, content;
    sql::Nullable<long long> start, end;
    sql::Nullable<std::string> display_name;
    ComponentColumns display;
    soci::statement insert =
        (session.prepare << "INSERT INTO display_messages (charger_id, message_id, priority, state, start_at, end_at, "
                            "transaction_id, format, language, content, display_name, display_instance, "
                            "display_evse_id, display_connector_id, request_id, updated_at) VALUES (:charger, :id, "
                            ":priority, :state, :start_at, :end_at, :tx, :format, :language, :content, :dname, "
                            ":dinstance, :devse, :dconnector, :request, :at)",
         soci::use(charger_id), soci::use(id), soci::use(priority), soci::use(state),
         soci::use(start.value, start.indicator), soci::use(end.value, end.indicator), soci::use(transaction_id),
         soci::use(format), soci::use(language), soci::use(content),
         soci::use(display_name.value, display_name.indicator), soci::use(display.instance),
         soci::use(display.evse.value, display.evse.indicator),
         soci::use(display.connector.value, display.connector.indicator), soci::use(request_id), soci::use(at));
    for (const auto &m : messages) {
        id = m.id;
        priority = m.priority;
        state = m.state;
        start = sql::nullable_ms(m.start_date_time);
        end = sql::nullable_ms(m.end_date_time);
        transaction_id = m.transaction_id;
        format = m.format;
        language = m.language;
        content = m.content;
        display.set(m.display.value_or(DeviceComponent{}));
        display_name =
            m.display ? sql::Nullable<std::string>{m.display->name, soci::i_ok} : sql::Nullable<std::string>{};
        insert.execute(true);
    }
}

DeviceComponent component_of(const soci::row &row, std::size_t first) {
    return {row.get<std::string>(first), row.get<std::string>(first + 1), sql::optional_value<int>(row, first + 2),
            sql::optional_value<int>(row, first + 3)};
}

auto component_order(const DeviceComponent &c) {
    return std::make_tuple(lower_ascii(c.name), lower_ascii(c.instance), c.evse_id.value_or(-1),
                           c.connector_id.value_or(-1));
}

} // namespace

bool SqlStationReportRepository::add_monitoring_event(const std::string &charger_id, const MonitoringEvent &e) {
    const long long occurred = to_ms(e.timestamp);
    auto cause = sql::nullable<int>(e.cause);
    const int cleared = e.cleared ? 1 : 0;
    auto monitor = sql::nullable<int>(e.variable_monitoring_id);
    ComponentColumns component;
    component.set(e.component);
    const long long generated = to_ms(e.generated_at);
    const long long received = to_ms(e.received_at);
    long long added = 0;
    database_.with_session([&](soci::session &session) {
        soci::statement insert =
            (session.prepare
                 << "INSERT INTO monitoring_events (charger_id, event_id, occurred_at, event_trigger, cause, "
                    "actual_value, tech_code, tech_info, cleared, transaction_id, variable_monitoring_id, "
                    "notification_type, component_name, component_instance, evse_id, connector_id, variable_name, "
                    "variable_instance, generated_at, seq_no, received_at) VALUES (:charger, :event, :occurred, "
                    ":trigger, :cause, :actual, :code, :info, :cleared, :tx, :monitor, :notification, :cname, "
                    ":cinstance, :evse, :connector, :vname, :vinstance, :generated, :seq, :received) ON CONFLICT "
                    "(charger_id, event_id, occurred_at) DO NOTHING",
             soci::use(charger_id), soci::use(e.event_id), soci::use(occurred), soci::use(e.trigger),
             soci::use(cause.value, cause.indicator), soci::use(e.actual_value), soci::use(e.tech_code),
             soci::use(e.tech_info), soci::use(cleared), soci::use(e.transaction_id),
             soci::use(monitor.value, monitor.indicator), soci::use(e.notification_type), soci::use(component.name),
             soci::use(component.instance), soci::use(component.evse.value, component.evse.indicator),
             soci::use(component.connector.value, component.connector.indicator), soci::use(e.variable.name),
             soci::use(e.variable.instance), soci::use(generated), soci::use(e.seq_no), soci::use(received));
        insert.execute(true);
        added = insert.get_affected_rows();
    });
    return added > 0;
}

std::vector<MonitoringEvent> SqlStationReportRepository::monitoring_events(const std::string &charger_id,
                                                                           const MonitoringEventFilter &filter) {
    const long long from = filter.from ? to_ms(*filter.from) : std::numeric_limits<long long>::min();
    const long long to = filter.to ? to_ms(*filter.to) : std::numeric_limits<long long>::max();
    std::vector<MonitoringEvent> events;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT event_id, occurred_at, event_trigger, cause, actual_value, tech_code, "
                                "tech_info, cleared, transaction_id, variable_monitoring_id, notification_type, "
                                "component_name, component_instance, evse_id, connector_id, variable_name, "
                                "variable_instance, generated_at, seq_no, received_at FROM monitoring_events WHERE "
                                "charger_id = :charger AND occurred_at >= :from AND occurred_at < :to ORDER BY "
                                "occurred_at DESC, event_id DESC LIMIT :limit",
             soci::use(charger_id), soci::use(from), soci::use(to), soci::use(filter.limit));
        for (const auto &row : rows) {
            MonitoringEvent e;
            e.event_id = row.get<int>(0);
            e.timestamp = from_ms(row.get<long long>(1));
            e.trigger = row.get<std::string>(2);
            e.cause = sql::optional_value<int>(row, 3);
            e.actual_value = row.get<std::string>(4);
            e.tech_code = row.get<std::string>(5);
            e.tech_info = row.get<std::string>(6);
            e.cleared = row.get<int>(7) != 0;
            e.transaction_id = row.get<std::string>(8);
            e.variable_monitoring_id = sql::optional_value<int>(row, 9);
            e.notification_type = row.get<std::string>(10);
            e.component = component_of(row, 11);
            e.variable = {row.get<std::string>(15), row.get<std::string>(16)};
            e.generated_at = from_ms(row.get<long long>(17));
            e.seq_no = row.get<int>(18);
            e.received_at = from_ms(row.get<long long>(19));
            events.push_back(std::move(e));
        }
    });
    return events;
}

PartOutcome SqlStationReportRepository::add_monitoring_report_part(const std::string &charger_id,
                                                                   const MonitoringReportPart &part,
                                                                   TimePoint received_at) {
    const NewPart kept{
        charger_id,        to_string(StationReportKind::MonitoringReport), part.request_id, part.seq_no, part.tbc,
        part.generated_at, sql::monitors_to_text(part.monitors),           received_at};
    PartOutcome outcome;
    database_.in_transaction([&](soci::session &session) {
        const auto assembly = sql::keep_part(session, kept);
        if (!assembly.completed) {
            outcome = outcome_of(assembly, 0, received_at);
            return;
        }
        const auto monitors = entries_of(*assembly.completed, &sql::monitors_from_text);
        outcome = outcome_of(assembly, monitors.size(), received_at);
        replace_monitors(session, charger_id, part.request_id, monitors, to_ms(outcome.generated_at),
                         to_ms(received_at));
    });
    return outcome;
}

PartOutcome SqlStationReportRepository::add_customer_information_part(const std::string &charger_id,
                                                                      const CustomerInformationPart &part,
                                                                      TimePoint received_at) {
    const NewPart kept{charger_id,      to_string(StationReportKind::CustomerInformation),
                       part.request_id, part.seq_no,
                       part.tbc,        part.generated_at,
                       part.data,       received_at};
    PartOutcome outcome;
    database_.in_transaction([&](soci::session &session) {
        const auto assembly = sql::keep_part(session, kept);
        std::size_t characters = 0;
        if (assembly.completed)
            for (const auto &p : *assembly.completed)
                characters += p.content.size();
        outcome = outcome_of(assembly, characters, received_at);
    });
    return outcome;
}

PartOutcome SqlStationReportRepository::add_display_messages_part(const std::string &charger_id,
                                                                  const DisplayMessagesPart &part,
                                                                  TimePoint received_at) {
    const NewPart kept{
        charger_id,   to_string(StationReportKind::DisplayMessages), part.request_id, std::nullopt, part.tbc,
        std::nullopt, sql::messages_to_text(part.messages),          received_at};
    PartOutcome outcome;
    database_.in_transaction([&](soci::session &session) {
        const auto assembly = sql::keep_part(session, kept);
        if (!assembly.completed) {
            outcome = outcome_of(assembly, 0, received_at);
            return;
        }
        const auto messages = entries_of(*assembly.completed, &sql::messages_from_text);
        outcome = outcome_of(assembly, messages.size(), received_at);
        replace_display_messages(session, charger_id, part.request_id, messages, to_ms(received_at));
    });
    return outcome;
}

void SqlStationReportRepository::forget_request(const std::string &charger_id, StationReportKind kind, int request_id) {
    const auto kind_text = to_string(kind);
    database_.with_session([&](soci::session &session) {
        session << "DELETE FROM station_report_parts WHERE charger_id = :charger AND kind = :kind AND request_id = "
                   ":request",
            soci::use(charger_id), soci::use(kind_text), soci::use(request_id);
    });
}

std::vector<VariableMonitor> SqlStationReportRepository::monitors(const std::string &charger_id,
                                                                  const DeviceVariableFilter &filter) {
    const auto component = filter.component ? std::optional(lower_ascii(*filter.component)) : std::nullopt;
    const auto variable = filter.variable ? std::optional(lower_ascii(*filter.variable)) : std::nullopt;
    std::vector<VariableMonitor> monitors;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT monitor_id, component_name, component_instance, evse_id, connector_id, "
                                "variable_name, variable_instance, transaction_only, value, monitor_type, severity, "
                                "request_id, generated_at, updated_at FROM variable_monitors WHERE charger_id = "
                                ":charger",
             soci::use(charger_id));
        for (const auto &row : rows) {
            VariableMonitor m;
            m.id = row.get<int>(0);
            m.component = component_of(row, 1);
            m.variable = {row.get<std::string>(5), row.get<std::string>(6)};
            if (component && lower_ascii(m.component.name) != *component)
                continue;
            if (variable && lower_ascii(m.variable.name) != *variable)
                continue;
            m.transaction = row.get<int>(7) != 0;
            m.value = row.get<double>(8);
            m.type = row.get<std::string>(9);
            m.severity = row.get<int>(10);
            m.request_id = row.get<int>(11);
            m.generated_at = from_ms(row.get<long long>(12));
            m.updated_at = from_ms(row.get<long long>(13));
            monitors.push_back(std::move(m));
        }
    });
    std::sort(monitors.begin(), monitors.end(), [](const VariableMonitor &a, const VariableMonitor &b) {
        return std::tuple_cat(component_order(a.component),
                              std::make_tuple(lower_ascii(a.variable.name), lower_ascii(a.variable.instance), a.id)) <
               std::tuple_cat(component_order(b.component),
                              std::make_tuple(lower_ascii(b.variable.name), lower_ascii(b.variable.instance), b.id));
    });
    return monitors;
}

std::vector<CustomerInformation> SqlStationReportRepository::customer_information(const std::string &charger_id,
                                                                                  std::optional<int> request_id) {
    const auto kind = to_string(StationReportKind::CustomerInformation);
    std::map<int, CustomerInformation> requests;
    auto add_row = [&](const soci::row &row) {
        auto &info = requests[row.get<int>(0)];
        const auto generated_at = sql::optional_time(row, 2);
        const auto received_at = from_ms(row.get<long long>(5));
        if (info.parts == 0) {
            info.request_id = row.get<int>(0);
            info.generated_at = generated_at.value_or(received_at);
        }
        ++info.parts;
        info.data += row.get<std::string>(3);
        info.complete = info.complete || row.get<int>(4) != 0;
        info.received_at = std::max(info.received_at, received_at);
    };
    const std::string columns = "SELECT request_id, seq_no, generated_at, content, applied, received_at FROM "
                                "station_report_parts WHERE charger_id = :charger AND kind = :kind";
    database_.with_session([&](soci::session &session) {
        if (request_id) {
            soci::rowset<soci::row> rows = (session.prepare << columns + " AND request_id = :request ORDER BY seq_no",
                                            soci::use(charger_id), soci::use(kind), soci::use(*request_id));
            for (const auto &row : rows)
                add_row(row);
        } else {
            soci::rowset<soci::row> rows =
                (session.prepare << columns + " ORDER BY request_id, seq_no", soci::use(charger_id), soci::use(kind));
            for (const auto &row : rows)
                add_row(row);
        }
    });
    std::vector<CustomerInformation> out;
    for (auto &[id, info] : requests)
        out.push_back(std::move(info));
    std::stable_sort(out.begin(), out.end(), [](const CustomerInformation &a, const CustomerInformation &b) {
        return a.received_at > b.received_at;
    });
    return out;
}

std::vector<DisplayMessage> SqlStationReportRepository::display_messages(const std::string &charger_id) {
    std::vector<DisplayMessage> messages;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT message_id, priority, state, start_at, end_at, transaction_id, format, "
                                "language, content, display_name, display_instance, display_evse_id, "
                                "display_connector_id, request_id, updated_at FROM display_messages WHERE "
                                "charger_id = :charger ORDER BY message_id",
             soci::use(charger_id));
        for (const auto &row : rows) {
            DisplayMessage m;
            m.id = row.get<int>(0);
            m.priority = row.get<std::string>(1);
            m.state = row.get<std::string>(2);
            m.start_date_time = sql::optional_time(row, 3);
            m.end_date_time = sql::optional_time(row, 4);
            m.transaction_id = row.get<std::string>(5);
            m.format = row.get<std::string>(6);
            m.language = row.get<std::string>(7);
            m.content = row.get<std::string>(8);
            if (row.get_indicator(9) == soci::i_ok)
                m.display = component_of(row, 9);
            m.request_id = row.get<int>(13);
            m.updated_at = from_ms(row.get<long long>(14));
            messages.push_back(std::move(m));
        }
    });
    return messages;
}

} // namespace manage::core
