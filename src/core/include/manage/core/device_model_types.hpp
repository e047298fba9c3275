#pragma once
// The OCPP 2.0.1 device model of a charging station (Part 1 §4, Part 2 functional block B), in
// plain types: components, their variables, each variable's attributes and characteristics.
#include "manage/common/clock.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// A component: its name and instance, and the EVSE (and connector) it belongs to, if any.
struct DeviceComponent {
    std::string name;
    std::string instance; // empty: none
    std::optional<int> evse_id;
    std::optional<int> connector_id;
};

struct DeviceVariableName {
    std::string name;
    std::string instance; // empty: none
};

// One attribute of a variable. Unset fields were never reported: a variable known only from
// GetVariables or SetVariables has a value but no mutability.
struct VariableAttribute {
    std::string type = "Actual"; // Actual, Target, MinSet, MaxSet
    std::optional<std::string> value;
    std::optional<std::string> mutability; // ReadOnly, WriteOnly, ReadWrite
    std::optional<bool> persistent;
    std::optional<bool> constant;
};

struct VariableCharacteristics {
    std::string data_type; // string, decimal, integer, dateTime, boolean, OptionList, SequenceList, MemberList
    std::string unit;      // empty: none
    std::optional<double> min_limit;
    std::optional<double> max_limit;
    std::string values_list; // CSV; empty: none
    bool supports_monitoring = false;
};

// A component's variable with what is known of it.
struct DeviceVariable {
    DeviceComponent component;
    DeviceVariableName variable;
    std::vector<VariableAttribute> attributes; // Actual, Target, MinSet, MaxSet order
    std::optional<VariableCharacteristics> characteristics;
    TimePoint updated_at{};
};

// One NotifyReport message: part `seq_no` (from 0) of report `request_id`; `tbc` when more follow.
struct DeviceReportPart {
    int request_id = 0;
    int seq_no = 0;
    bool tbc = false;
    TimePoint generated_at{};
    std::vector<DeviceVariable> entries; // updated_at unused
};

// One attribute value a command read (GetVariables) or set (SetVariables).
struct AttributeValue {
    DeviceComponent component;
    DeviceVariableName variable;
    std::string type = "Actual";
    std::string value;
};

// What the device model lists; absent filters match everything. Names compare ignoring ASCII case,
// as OCPP's identifiers do.
struct DeviceVariableFilter {
    std::optional<std::string> component;
    std::optional<std::string> variable;
};

// What became of one report part.
struct ReportPartOutcome {
    enum class Kind {
        Duplicate, // a part with this seqNo was kept already: it changes nothing
        Waiting,   // kept; the report is not complete yet
        Applied,   // it completed the report, which is now in the device model
    };
    Kind kind = Kind::Waiting;
    int parts = 0;             // Applied: how many parts the report had
    std::size_t variables = 0; // Applied: how many entries it carried
    TimePoint generated_at{};  // Applied: generatedAt of part 0
};

// A part of a report as kept in the Store, for deciding whether the report is complete.
struct KeptPart {
    int seq_no = 0;
    bool tbc = false;
};

// How many parts the report has when `parts` (one report's kept parts, any order) complete it: the
// last one (tbc false) and every seqNo before it are present. nullopt while something is missing.
std::optional<int> complete_report_length(const std::vector<KeptPart> &parts);

// The identity of a component and of a variable: case-insensitive names and instances, as OCPP
// compares them, and the EVSE and connector.
std::string component_key(const DeviceComponent &component);
std::string variable_key(const DeviceVariableName &variable);
std::string lower_ascii(std::string text);

} // namespace manage::core
