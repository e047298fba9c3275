#include "api/fleet_json.hpp"

#include "api/route_support.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/tariff.hpp"

#include <cmath>

namespace manage::core {

using infra::http::Json;

namespace {

// Applies a string member: absent leaves `target` (failing when `required` and creating), null clears
// it unless required.
Result<void> text_member(const Json &body, const std::string &name, std::string &target, bool required, bool creating) {
    const auto it = body.find(name);
    if (it == body.end()) {
        if (required && creating)
            return fail("missing_field", "'" + name + "' is required", name);
        return ok();
    }
    if (it->is_null() && !required) {
        target.clear();
        return ok();
    }
    if (!it->is_string())
        return fail("invalid_type", "'" + name + "' must be a string" + (required ? "" : " or null"), name);
    target = it->get<std::string>();
    return ok();
}

Result<void> number_member(const Json &body, const std::string &name, double &target, bool required, bool creating) {
    const auto it = body.find(name);
    if (it == body.end()) {
        if (required && creating)
            return fail("missing_field", "'" + name + "' is required", name);
        return ok();
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()))
        return fail("invalid_type", "'" + name + "' must be a number", name);
    target = it->get<double>();
    return ok();
}

// A member that is a number or null (absent: nullopt).
Result<std::optional<double>> optional_number(const Json &body, const std::string &name) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        return std::optional<double>();
    if (!it->is_number() || !std::isfinite(it->get<double>()))
        return fail("invalid_type", "'" + name + "' must be a number or null", name);
    return std::optional<double>(it->get<double>());
}

Result<std::vector<std::string>> tokens_member(const Json &value) {
    std::vector<std::string> tokens;
    if (value.is_null())
        return tokens;
    if (!value.is_array())
        return fail("invalid_type", "'rfidTokens' must be an array of ID tag values", "rfidTokens");
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string())
            return fail("invalid_type", "an RFID token is a string", "rfidTokens/" + std::to_string(i));
        tokens.push_back(value[i].get<std::string>());
    }
    return tokens;
}

Result<std::array<bool, 7>> days_member(const Json &value) {
    std::array<bool, 7> days{};
    if (!value.is_array())
        return fail("invalid_type", "'days' is an array of Mon, Tue, Wed, Thu, Fri, Sat, Sun", "days");
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto day = value[i].is_string() ? parse_weekday(value[i].get<std::string>()) : std::nullopt;
        if (!day)
            return fail("invalid_days", "a day is Mon, Tue, Wed, Thu, Fri, Sat or Sun", "days/" + std::to_string(i));
        days[static_cast<std::size_t>(*day)] = true;
    }
    return days;
}

Result<int> time_member(const Json &value) {
    const auto minute = value.is_string() ? parse_time_of_day(value.get<std::string>()) : std::nullopt;
    if (!minute || *minute >= 1440)
        return fail("invalid_time_of_day", "'time' is a local time of day \"HH:MM\" from 00:00 to 23:59", "time");
    return *minute;
}

// The members of one kind of departure that the other kind does not take.
Result<void> refuse_member(const Json &body, const char *name, DepartureKind kind) {
    if (body.contains(name))
        return fail("unknown_field",
                    std::string("'") + name + "' is not a member of a " + std::string(to_string(kind)) + " departure",
                    name);
    return ok();
}

Result<void> apply_schedule(Departure &departure, const Json &body, bool fresh) {
    if (departure.kind == DepartureKind::Weekly) {
        BOOST_OUTCOME_TRY(refuse_member(body, "at", departure.kind));
        if (body.contains("days")) {
            BOOST_OUTCOME_TRY(days, days_member(body["days"]));
            departure.days = days;
        } else if (fresh) {
            return fail("missing_field", "'days' is required for a weekly departure", "days");
        }
        if (body.contains("time")) {
            BOOST_OUTCOME_TRY(minute, time_member(body["time"]));
            departure.minute = minute;
        } else if (fresh) {
            return fail("missing_field", "'time' is required for a weekly departure", "time");
        }
        return ok();
    }
    BOOST_OUTCOME_TRY(refuse_member(body, "days", departure.kind));
    BOOST_OUTCOME_TRY(refuse_member(body, "time", departure.kind));
    if (!body.contains("at") || body["at"].is_null()) {
        if (fresh || body.contains("at"))
            return fail("missing_field", "'at' is required for a trip", "at");
        return ok();
    }
    BOOST_OUTCOME_TRY(at, time_field(body, "at"));
    departure.at = *at;
    return ok();
}

} // namespace

Json fleet_to_json(const Fleet &fleet) {
    return {{"id", fleet.id},
            {"name", fleet.name},
            {"description", text_or_null(fleet.description)},
            {"createdAt", format_time(fleet.created_at)},
            {"updatedAt", format_time(fleet.updated_at)}};
}

Json vehicle_to_json(const Vehicle &vehicle) {
    return {{"id", vehicle.id},
            {"fleetId", vehicle.fleet_id},
            {"name", vehicle.name},
            {"registration", text_or_null(vehicle.registration)},
            {"vin", text_or_null(vehicle.vin)},
            {"batteryKwh", vehicle.battery_kwh},
            {"maxAcKw", vehicle.max_ac_kw},
            {"maxDcKw", vehicle.max_dc_kw},
            {"targetSoc", vehicle.target_soc},
            {"timezone", vehicle.timezone},
            {"rfidTokens", vehicle.rfid_tokens},
            {"createdAt", format_time(vehicle.created_at)},
            {"updatedAt", format_time(vehicle.updated_at)}};
}

Json departure_to_json(const Departure &departure) {
    Json json{{"id", departure.id},
              {"vehicleId", departure.vehicle_id},
              {"kind", std::string(to_string(departure.kind))},
              {"name", text_or_null(departure.name)}};
    if (departure.kind == DepartureKind::Weekly) {
        auto days = Json::array();
        for (int day = 0; day < 7; ++day)
            if (departure.days[static_cast<std::size_t>(day)])
                days.push_back(weekday_name(day));
        json["days"] = days;
        json["time"] = format_time_of_day(departure.minute);
    } else {
        json["at"] = format_time(departure.at);
    }
    json["energyKwh"] = optional_json(departure.energy_kwh);
    json["soc"] = optional_json(departure.soc);
    json["createdAt"] = format_time(departure.created_at);
    json["updatedAt"] = format_time(departure.updated_at);
    return json;
}

Json upcoming_departure_to_json(const UpcomingDeparture &departure) {
    return {{"departureId", departure.departure_id}, {"kind", std::string(to_string(departure.kind))},
            {"name", text_or_null(departure.name)},  {"at", format_time(departure.at)},
            {"energyKwh", departure.energy_kwh},     {"soc", departure.soc}};
}

Result<Fleet> apply_fleet_body(Fleet record, const Json &body, bool creating) {
    BOOST_OUTCOME_TRY(only_fields(body, {"name", "description"}));
    BOOST_OUTCOME_TRY(text_member(body, "name", record.name, true, creating));
    BOOST_OUTCOME_TRY(text_member(body, "description", record.description, false, creating));
    return record;
}

Result<Vehicle> apply_vehicle_body(Vehicle record, const Json &body, bool creating) {
    BOOST_OUTCOME_TRY(only_fields(body, {"fleetId", "name", "registration", "vin", "batteryKwh", "maxAcKw", "maxDcKw",
                                         "targetSoc", "timezone", "rfidTokens"}));
    BOOST_OUTCOME_TRY(text_member(body, "fleetId", record.fleet_id, true, creating));
    BOOST_OUTCOME_TRY(text_member(body, "name", record.name, true, creating));
    BOOST_OUTCOME_TRY(text_member(body, "registration", record.registration, false, creating));
    BOOST_OUTCOME_TRY(text_member(body, "vin", record.vin, false, creating));
    BOOST_OUTCOME_TRY(number_member(body, "batteryKwh", record.battery_kwh, true, creating));
    BOOST_OUTCOME_TRY(number_member(body, "maxAcKw", record.max_ac_kw, false, creating));
    BOOST_OUTCOME_TRY(number_member(body, "maxDcKw", record.max_dc_kw, false, creating));
    BOOST_OUTCOME_TRY(number_member(body, "targetSoc", record.target_soc, false, creating));
    BOOST_OUTCOME_TRY(text_member(body, "timezone", record.timezone, true, false));
    if (body.contains("rfidTokens")) {
        BOOST_OUTCOME_TRY(tokens, tokens_member(body["rfidTokens"]));
        record.rfid_tokens = std::move(tokens);
    }
    return record;
}

Result<Departure> apply_departure_body(Departure record, const Json &body, bool creating) {
    BOOST_OUTCOME_TRY(only_fields(body, {"kind", "name", "days", "time", "at", "energyKwh", "soc"}));
    bool fresh = creating;
    if (body.contains("kind")) {
        const auto kind =
            body["kind"].is_string() ? parse_departure_kind(body["kind"].get<std::string>()) : std::nullopt;
        if (!kind)
            return fail("invalid_kind", "'kind' is weekly or trip", "kind");
        if (*kind != record.kind) {
            fresh = true; // the other kind's schedule is dropped
            record.kind = *kind;
            record.days = {};
            record.minute = 0;
            record.at = {};
        }
    } else if (creating) {
        return fail("missing_field", "'kind' is required (weekly or trip)", "kind");
    }
    BOOST_OUTCOME_TRY(apply_schedule(record, body, fresh));
    BOOST_OUTCOME_TRY(text_member(body, "name", record.name, false, creating));
    if (creating || body.contains("energyKwh") || body.contains("soc")) {
        BOOST_OUTCOME_TRY(energy, optional_number(body, "energyKwh"));
        BOOST_OUTCOME_TRY(soc, optional_number(body, "soc"));
        record.energy_kwh = energy;
        record.soc = soc;
    }
    return record;
}

} // namespace manage::core
