#include "manage/core/device_model.hpp"
#include "manage/core/events.hpp"

#include "events/publish.hpp"
#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/event_topics.hpp"

#include <algorithm>

namespace manage::core {
namespace {

// Each part prefixed with its length, so that no name can pass for two.
void append_part(std::string &key, const std::string &part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
    key += ';';
}

std::string optional_number(const std::optional<int> &number) {
    return number ? std::to_string(*number) : std::string();
}

} // namespace

std::string lower_ascii(std::string text) {
    for (auto &c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string component_key(const DeviceComponent &component) {
    std::string key;
    append_part(key, lower_ascii(component.name));
    append_part(key, lower_ascii(component.instance));
    append_part(key, optional_number(component.evse_id));
    append_part(key, optional_number(component.connector_id));
    return key;
}

std::string variable_key(const DeviceVariableName &variable) {
    std::string key;
    append_part(key, lower_ascii(variable.name));
    append_part(key, lower_ascii(variable.instance));
    return key;
}

std::optional<int> complete_report_length(const std::vector<KeptPart> &parts) {
    // The last part is the one with tbc false; a station sends one. Should it send several, the first
    // closes the report and the others are left to expire.
    std::optional<int> last;
    for (const auto &part : parts)
        if (!part.tbc && (!last || part.seq_no < *last))
            last = part.seq_no;
    if (!last || *last < 0)
        return std::nullopt;
    std::vector<bool> present(static_cast<std::size_t>(*last) + 1, false);
    for (const auto &part : parts)
        if (part.seq_no >= 0 && part.seq_no <= *last)
            present[static_cast<std::size_t>(part.seq_no)] = true;
    if (!std::all_of(present.begin(), present.end(), [](bool p) { return p; }))
        return std::nullopt;
    return *last + 1;
}

DeviceModel::DeviceModel(DeviceModelRepository &repository, Events &events, const Clock &clock,
                         DeviceModelOptions options)
    : repository_(repository), events_(events), clock_(clock), options_(options) {}

ReportPartOutcome DeviceModel::on_report_part(const std::string &charger_id, const DeviceReportPart &part) {
    const auto now = clock_.now();
    if (const auto dropped = repository_.drop_report_parts(now - options_.report_retention); dropped > 0)
        logger("core")->info("dropped {} report part(s) older than {} h", dropped, options_.report_retention.count());
    ReportPartOutcome outcome;
    // The part, the variables it completes and device_model.reported commit as one.
    events_.atomically([&] {
        outcome = repository_.add_report_part(charger_id, part, now);
        if (outcome.kind == ReportPartOutcome::Kind::Applied) {
            logger("core")->info("[charger={}] report {} complete: {} part(s), {} variable(s)", charger_id,
                                 part.request_id, outcome.parts, outcome.variables);
            events_.publish(topics::kDeviceModelReported, {{"chargerId", charger_id},
                                                           {"requestId", part.request_id},
                                                           {"parts", outcome.parts},
                                                           {"variables", outcome.variables},
                                                           {"generatedAt", format_time(outcome.generated_at)}});
        }
    });
    return outcome;
}

void DeviceModel::start_report(const std::string &charger_id, int request_id) {
    repository_.forget_report(charger_id, request_id);
}

void DeviceModel::record_values(const std::string &charger_id, const std::vector<AttributeValue> &values) {
    if (!values.empty())
        repository_.save_attribute_values(charger_id, values, clock_.now());
}

std::vector<DeviceVariable> DeviceModel::variables(const std::string &charger_id, const DeviceVariableFilter &filter) {
    return repository_.variables(charger_id, filter);
}

} // namespace manage::core
