#include "manage/core/sql_device_model_repository.hpp"

#include "store/sql_support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace manage::core {
namespace {

using Json = nlohmann::json;
using sql::from_ms;
using sql::to_ms;

// ---- A report part's entries, kept as JSON text until the report is complete ----

template <class T> Json optional_json(const std::optional<T> &value) {
    return value ? Json(*value) : Json(nullptr);
}

template <class T> std::optional<T> optional_from(const Json &object, const char *name) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    return it->get<T>();
}

Json entry_to_json(const DeviceVariable &v) {
    auto attributes = Json::array();
    for (const auto &a : v.attributes)
        attributes.push_back({{"type", a.type},
                              {"value", optional_json(a.value)},
                              {"mutability", optional_json(a.mutability)},
                              {"persistent", optional_json(a.persistent)},
                              {"constant", optional_json(a.constant)}});
    Json characteristics = nullptr;
    if (const auto &c = v.characteristics)
        characteristics = {{"dataType", c->data_type},
                           {"unit", c->unit},
                           {"minLimit", optional_json(c->min_limit)},
                           {"maxLimit", optional_json(c->max_limit)},
                           {"valuesList", c->values_list},
                           {"supportsMonitoring", c->supports_monitoring}};
    return {{"component",
             {{"name", v.component.name},
              {"instance", v.component.instance},
              {"evseId", optional_json(v.component.evse_id)},
              {"connectorId", optional_json(v.component.connector_id)}}},
            {"variable", {{"name", v.variable.name}, {"instance", v.variable.instance}}},
            {"attributes", attributes},
            {"characteristics", characteristics}};
}

DeviceVariable entry_from_json(const Json &json) {
    DeviceVariable v;
    const auto &component = json.at("component");
    v.component = {component.at("name").get<std::string>(), component.at("instance").get<std::string>(),
                   optional_from<int>(component, "evseId"), optional_from<int>(component, "connectorId")};
    const auto &variable = json.at("variable");
    v.variable = {variable.at("name").get<std::string>(), variable.at("instance").get<std::string>()};
    for (const auto &a : json.at("attributes"))
        v.attributes.push_back({a.at("type").get<std::string>(), optional_from<std::string>(a, "value"),
                                optional_from<std::string>(a, "mutability"), optional_from<bool>(a, "persistent"),
                                optional_from<bool>(a, "constant")});
    if (const auto &c = json.at("characteristics"); !c.is_null())
        v.characteristics =
            VariableCharacteristics{c.at("dataType").get<std::string>(),   c.at("unit").get<std::string>(),
                                    optional_from<double>(c, "minLimit"),  optional_from<double>(c, "maxLimit"),
                                    c.at("valuesList").get<std::string>(), c.at("supportsMonitoring").get<bool>()};
    return v;
}

std::string entries_to_text(const std::vector<DeviceVariable> &entries) {
    auto json = Json::array();
    for (const auto &entry : entries)
        json.push_back(entry_to_json(entry));
    return json.dump();
}

// ---- Writing the device model ----

// Writes variables and their attributes inside one transaction. The statements are prepared once and
// bound by reference to the members, which write() fills before each execution.
class VariableWriter {
public:
    VariableWriter(soci::session &session, std::string charger_id)
        : charger_id_(std::move(charger_id)),
          upsert_variable_(
              (session.prepare
                   << "INSERT INTO device_variables (charger_id, component_key, variable_key, component_name, "
                      "component_instance, evse_id, connector_id, variable_name, variable_instance, "
                      "updated_at) VALUES (:charger, :ckey, :vkey, :cname, :cinstance, :evse, :connector, "
                      ":vname, :vinstance, :at) ON CONFLICT (charger_id, component_key, variable_key) DO "
                      "UPDATE SET component_name = excluded.component_name, component_instance = "
                      "excluded.component_instance, variable_name = excluded.variable_name, "
                      "variable_instance = excluded.variable_instance, updated_at = excluded.updated_at",
               soci::use(charger_id_), soci::use(component_key_), soci::use(variable_key_), soci::use(component_name_),
               soci::use(component_instance_), soci::use(evse_.value, evse_.indicator),
               soci::use(connector_.value, connector_.indicator), soci::use(variable_name_),
               soci::use(variable_instance_), soci::use(at_))),
          update_characteristics_(
              (session.prepare << "UPDATE device_variables SET data_type = :type, unit = :unit, min_limit = :min, "
                                  "max_limit = :max, values_list = :list, supports_monitoring = :monitoring WHERE "
                                  "charger_id = :charger AND component_key = :ckey AND variable_key = :vkey",
               soci::use(data_type_), soci::use(unit_), soci::use(min_limit_.value, min_limit_.indicator),
               soci::use(max_limit_.value, max_limit_.indicator), soci::use(values_list_),
               soci::use(supports_monitoring_), soci::use(charger_id_), soci::use(component_key_),
               soci::use(variable_key_))),
          // COALESCE keeps what was reported before when this source does not say (GetVariables
          // knows the value, not the mutability).
          upsert_attribute_(
              (session.prepare
                   << "INSERT INTO device_variable_attributes (charger_id, component_key, variable_key, "
                      "attribute_type, value, mutability, is_persistent, is_constant, updated_at) VALUES "
                      "(:charger, :ckey, :vkey, :type, :value, :mutability, :persistent, :constant, :at) ON "
                      "CONFLICT (charger_id, component_key, variable_key, attribute_type) DO UPDATE SET "
                      "value = excluded.value, mutability = COALESCE(excluded.mutability, "
                      "device_variable_attributes.mutability), is_persistent = "
                      "COALESCE(excluded.is_persistent, device_variable_attributes.is_persistent), "
                      "is_constant = COALESCE(excluded.is_constant, device_variable_attributes.is_constant), "
                      "updated_at = excluded.updated_at",
               soci::use(charger_id_), soci::use(component_key_), soci::use(variable_key_), soci::use(attribute_type_),
               soci::use(value_.value, value_.indicator), soci::use(mutability_.value, mutability_.indicator),
               soci::use(persistent_.value, persistent_.indicator), soci::use(constant_.value, constant_.indicator),
               soci::use(at_))) {}

    void write(const DeviceComponent &component, const DeviceVariableName &variable,
               const std::optional<VariableCharacteristics> &characteristics,
               const std::vector<VariableAttribute> &attributes, long long at) {
        component_key_ = component_key(component);
        variable_key_ = variable_key(variable);
        component_name_ = component.name;
        component_instance_ = component.instance;
        evse_ = sql::nullable<int>(component.evse_id);
        connector_ = sql::nullable<int>(component.connector_id);
        variable_name_ = variable.name;
        variable_instance_ = variable.instance;
        at_ = at;
        upsert_variable_.execute(true);
        if (characteristics) {
            data_type_ = characteristics->data_type;
            unit_ = characteristics->unit;
            min_limit_ = sql::nullable<double>(characteristics->min_limit);
            max_limit_ = sql::nullable<double>(characteristics->max_limit);
            values_list_ = characteristics->values_list;
            supports_monitoring_ = characteristics->supports_monitoring ? 1 : 0;
            update_characteristics_.execute(true);
        }
        for (const auto &a : attributes) {
            attribute_type_ = a.type;
            value_ = sql::nullable<std::string>(a.value);
            mutability_ = sql::nullable<std::string>(a.mutability);
            persistent_ = sql::nullable<int>(a.persistent);
            constant_ = sql::nullable<int>(a.constant);
            upsert_attribute_.execute(true);
        }
    }

private:
    // Declared before the statements, which bind them.
    std::string charger_id_;
    std::string component_key_, variable_key_, component_name_, component_instance_, variable_name_, variable_instance_;
    sql::Nullable<int> evse_, connector_;
    long long at_ = 0;
    std::string data_type_, unit_, values_list_;
    sql::Nullable<double> min_limit_, max_limit_;
    int supports_monitoring_ = 0;
    std::string attribute_type_;
    sql::Nullable<std::string> value_, mutability_;
    sql::Nullable<int> persistent_, constant_;
    soci::statement upsert_variable_;
    soci::statement update_characteristics_;
    soci::statement upsert_attribute_;
};

// Components by name, instance, EVSE and connector (none first), then variables by name and instance;
// names ignoring case.
auto order_key(const DeviceVariable &v) {
    return std::make_tuple(lower_ascii(v.component.name), lower_ascii(v.component.instance),
                           v.component.evse_id.value_or(-1), v.component.connector_id.value_or(-1),
                           lower_ascii(v.variable.name), lower_ascii(v.variable.instance));
}

int attribute_rank(const std::string &type) {
    static const char *const kOrder[] = {"Actual", "Target", "MinSet", "MaxSet"};
    for (int i = 0; i < 4; ++i)
        if (type == kOrder[i])
            return i;
    return 4;
}

} // namespace

ReportPartOutcome SqlDeviceModelRepository::add_report_part(const std::string &charger_id, const DeviceReportPart &part,
                                                            TimePoint received_at) {
    ReportPartOutcome outcome;
    const int tbc = part.tbc ? 1 : 0;
    const long long generated_at = to_ms(part.generated_at);
    const long long received = to_ms(received_at);
    const std::string entries = entries_to_text(part.entries);
    database_.in_transaction([&](soci::session &session) {
        int kept = 0;
        session << "SELECT COUNT(*) FROM device_report_parts WHERE charger_id = :charger AND request_id = :request AND "
                   "seq_no = :seq",
            soci::use(charger_id), soci::use(part.request_id), soci::use(part.seq_no), soci::into(kept);
        if (kept > 0) {
            outcome.kind = ReportPartOutcome::Kind::Duplicate;
            return;
        }
        session
            << "INSERT INTO device_report_parts (charger_id, request_id, seq_no, tbc, generated_at, entries, applied, "
               "received_at) VALUES (:charger, :request, :seq, :tbc, :generated, :entries, 0, :received)",
            soci::use(charger_id), soci::use(part.request_id), soci::use(part.seq_no), soci::use(tbc),
            soci::use(generated_at), soci::use(entries), soci::use(received);

        std::vector<KeptPart> parts;
        {
            soci::rowset<soci::row> rows =
                (session.prepare << "SELECT seq_no, tbc FROM device_report_parts WHERE charger_id = :charger AND "
                                    "request_id = :request AND applied = 0",
                 soci::use(charger_id), soci::use(part.request_id));
            for (const auto &row : rows)
                parts.push_back(KeptPart{row.get<int>(0), row.get<int>(1) != 0});
        }
        const auto length = complete_report_length(parts);
        if (!length) {
            outcome.kind = ReportPartOutcome::Kind::Waiting;
            return;
        }
        const int last = *length - 1;
        std::vector<std::string> texts;
        long long first_generated_at = generated_at;
        {
            soci::rowset<soci::row> rows =
                (session.prepare << "SELECT seq_no, generated_at, entries FROM device_report_parts WHERE charger_id = "
                                    ":charger AND request_id = :request AND applied = 0 AND seq_no <= :last ORDER BY "
                                    "seq_no",
                 soci::use(charger_id), soci::use(part.request_id), soci::use(last));
            for (const auto &row : rows) {
                if (row.get<int>(0) == 0)
                    first_generated_at = row.get<long long>(1);
                texts.push_back(row.get<std::string>(2));
            }
        }
        VariableWriter writer(session, charger_id);
        std::size_t variables = 0;
        for (const auto &text : texts)
            for (const auto &json : Json::parse(text)) {
                const auto entry = entry_from_json(json);
                writer.write(entry.component, entry.variable, entry.characteristics, entry.attributes, received);
                ++variables;
            }
        session << "UPDATE device_report_parts SET applied = 1, entries = '[]' WHERE charger_id = :charger AND "
                   "request_id = :request AND seq_no <= :last",
            soci::use(charger_id), soci::use(part.request_id), soci::use(last);
        outcome = ReportPartOutcome{ReportPartOutcome::Kind::Applied, *length, variables, from_ms(first_generated_at)};
    });
    return outcome;
}

void SqlDeviceModelRepository::forget_report(const std::string &charger_id, int request_id) {
    database_.with_session([&](soci::session &session) {
        session << "DELETE FROM device_report_parts WHERE charger_id = :charger AND request_id = :request",
            soci::use(charger_id), soci::use(request_id);
    });
}

std::size_t SqlDeviceModelRepository::drop_report_parts(TimePoint cutoff) {
    const long long before = to_ms(cutoff);
    long long dropped = 0;
    database_.with_session([&](soci::session &session) {
        soci::statement statement =
            (session.prepare << "DELETE FROM device_report_parts WHERE received_at < :before", soci::use(before));
        statement.execute(true);
        dropped = statement.get_affected_rows();
    });
    return static_cast<std::size_t>(dropped);
}

void SqlDeviceModelRepository::save_attribute_values(const std::string &charger_id,
                                                     const std::vector<AttributeValue> &values, TimePoint at) {
    const long long updated_at = to_ms(at);
    database_.in_transaction([&](soci::session &session) {
        VariableWriter writer(session, charger_id);
        for (const auto &v : values) {
            VariableAttribute attribute;
            attribute.type = v.type;
            attribute.value = v.value;
            writer.write(v.component, v.variable, std::nullopt, {attribute}, updated_at);
        }
    });
}

std::vector<DeviceVariable> SqlDeviceModelRepository::variables(const std::string &charger_id,
                                                                const DeviceVariableFilter &filter) {
    const auto component = filter.component ? std::optional(lower_ascii(*filter.component)) : std::nullopt;
    const auto variable = filter.variable ? std::optional(lower_ascii(*filter.variable)) : std::nullopt;
    std::vector<DeviceVariable> variables;
    std::map<std::pair<std::string, std::string>, std::size_t> index; // (component key, variable key) → position
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare
                 << "SELECT component_key, variable_key, component_name, component_instance, evse_id, "
                    "connector_id, variable_name, variable_instance, data_type, unit, min_limit, max_limit, "
                    "values_list, supports_monitoring, updated_at FROM device_variables WHERE charger_id = "
                    ":charger",
             soci::use(charger_id));
        for (const auto &row : rows) {
            DeviceVariable v;
            v.component = {row.get<std::string>(2), row.get<std::string>(3), sql::optional_value<int>(row, 4),
                           sql::optional_value<int>(row, 5)};
            v.variable = {row.get<std::string>(6), row.get<std::string>(7)};
            if (component && lower_ascii(v.component.name) != *component)
                continue;
            if (variable && lower_ascii(v.variable.name) != *variable)
                continue;
            if (const auto data_type = sql::optional_value<std::string>(row, 8))
                v.characteristics = VariableCharacteristics{*data_type,
                                                            row.get<std::string>(9),
                                                            sql::optional_value<double>(row, 10),
                                                            sql::optional_value<double>(row, 11),
                                                            row.get<std::string>(12),
                                                            row.get<int>(13) != 0};
            v.updated_at = from_ms(row.get<long long>(14));
            index[{row.get<std::string>(0), row.get<std::string>(1)}] = variables.size();
            variables.push_back(std::move(v));
        }
        if (variables.empty())
            return;
        soci::rowset<soci::row> attributes =
            (session.prepare << "SELECT component_key, variable_key, attribute_type, value, mutability, is_persistent, "
                                "is_constant, updated_at FROM device_variable_attributes WHERE charger_id = :charger",
             soci::use(charger_id));
        for (const auto &row : attributes) {
            const auto it = index.find({row.get<std::string>(0), row.get<std::string>(1)});
            if (it == index.end())
                continue; // filtered out
            auto &v = variables[it->second];
            const auto persistent = sql::optional_value<int>(row, 5);
            const auto constant = sql::optional_value<int>(row, 6);
            v.attributes.push_back(VariableAttribute{row.get<std::string>(2), sql::optional_value<std::string>(row, 3),
                                                     sql::optional_value<std::string>(row, 4),
                                                     persistent ? std::optional(*persistent != 0) : std::nullopt,
                                                     constant ? std::optional(*constant != 0) : std::nullopt});
            v.updated_at = std::max(v.updated_at, from_ms(row.get<long long>(7)));
        }
    });
    for (auto &v : variables)
        std::sort(v.attributes.begin(), v.attributes.end(),
                  [](const auto &a, const auto &b) { return attribute_rank(a.type) < attribute_rank(b.type); });
    std::sort(variables.begin(), variables.end(),
              [](const DeviceVariable &a, const DeviceVariable &b) { return order_key(a) < order_key(b); });
    return variables;
}

} // namespace manage::core
