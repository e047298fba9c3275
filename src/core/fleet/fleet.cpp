#include "manage/core/fleet.hpp"

#include "manage/core/id_tag.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace manage::core {
namespace {

// Characters, not bytes: UTF-8 continuation bytes do not count.
std::size_t characters(const std::string &text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

bool has_control_character(const std::string &text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

Result<void> check_name(const std::string &name, const std::string &what) {
    if (name.empty() || characters(name) > 200 || has_control_character(name))
        return fail("invalid_name", "a " + what + "'s name is 1 to 200 characters, without control characters", "name");
    return ok();
}

std::string number_text(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

bool in_range(double value, double low, double high) {
    return std::isfinite(value) && value >= low && value <= high;
}

// ISO 3779: capitals and digits but I, O and Q.
bool is_vin(const std::string &vin) {
    return vin.size() == 17 && std::all_of(vin.begin(), vin.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q');
           });
}

Result<void> check_tokens(const std::vector<std::string> &tokens) {
    if (tokens.size() > kMostRfidTokens)
        return fail("too_many_rfid_tokens", "a vehicle has at most " + std::to_string(kMostRfidTokens) + " RFID tokens",
                    "rfidTokens");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto path = "rfidTokens/" + std::to_string(i);
        if (!is_valid_id_tag(tokens[i]))
            return fail("invalid_id_tag", "an RFID token is an ID tag: 1 to 36 printable ASCII characters", path);
        if (!seen.insert(tokens[i]).second)
            return fail("duplicate_id_tag", "'" + tokens[i] + "' is listed twice", path);
    }
    return ok();
}

} // namespace

std::string_view to_string(DepartureKind kind) {
    return kind == DepartureKind::Weekly ? "weekly" : "trip";
}

std::optional<DepartureKind> parse_departure_kind(std::string_view text) {
    if (text == "weekly")
        return DepartureKind::Weekly;
    if (text == "trip")
        return DepartureKind::Trip;
    return std::nullopt;
}

Result<void> check_fleet(const Fleet &fleet) {
    BOOST_OUTCOME_TRY(check_name(fleet.name, "fleet"));
    if (characters(fleet.description) > 2000)
        return fail("invalid_description", "a description is at most 2000 characters", "description");
    return ok();
}

Result<void> check_vehicle(const Vehicle &vehicle) {
    if (vehicle.fleet_id.empty())
        return fail("missing_field", "'fleetId' is required", "fleetId");
    BOOST_OUTCOME_TRY(check_name(vehicle.name, "vehicle"));
    if (characters(vehicle.registration) > 20 || has_control_character(vehicle.registration))
        return fail("invalid_registration", "a registration (licence plate) is at most 20 characters", "registration");
    if (!vehicle.vin.empty() && !is_vin(vehicle.vin))
        return fail("invalid_vin", "a VIN is 17 capitals and digits, without I, O or Q", "vin");
    if (!in_range(vehicle.battery_kwh, 0, 2000) || vehicle.battery_kwh == 0)
        return fail("invalid_battery", "'batteryKwh' is more than 0 and at most 2000", "batteryKwh");
    if (!in_range(vehicle.max_ac_kw, 0, 50))
        return fail("invalid_power", "'maxAcKw' is from 0 to 50", "maxAcKw");
    if (!in_range(vehicle.max_dc_kw, 0, 1000))
        return fail("invalid_power", "'maxDcKw' is from 0 to 1000", "maxDcKw");
    if (vehicle.max_ac_kw == 0 && vehicle.max_dc_kw == 0)
        return fail("invalid_power", "a vehicle charges with AC or DC: 'maxAcKw' or 'maxDcKw' is more than 0",
                    "maxAcKw");
    if (!in_range(vehicle.target_soc, 1, 100))
        return fail("invalid_soc", "'targetSoc' is a percentage from 1 to 100", "targetSoc");
    try {
        date::locate_zone(vehicle.timezone);
    } catch (const std::exception &) {
        return fail("unknown_timezone", "'" + vehicle.timezone + "' is not a time zone this system knows", "timezone");
    }
    return check_tokens(vehicle.rfid_tokens);
}

Result<void> check_departure(const Departure &departure, const Vehicle &vehicle) {
    if (characters(departure.name) > 200 || has_control_character(departure.name))
        return fail("invalid_name", "a departure's name is at most 200 characters, without control characters", "name");
    if (departure.kind == DepartureKind::Weekly) {
        if (std::none_of(departure.days.begin(), departure.days.end(), [](bool on) { return on; }))
            return fail("invalid_days", "a weekly departure is on at least one day", "days");
        if (departure.minute < 0 || departure.minute >= 1440)
            return fail("invalid_time_of_day", "'time' is a local time of day from 00:00 to 23:59", "time");
    }
    if (departure.energy_kwh.has_value() == departure.soc.has_value())
        return fail("invalid_energy", "a departure needs exactly one of 'energyKwh' and 'soc'", "energyKwh");
    if (departure.energy_kwh &&
        (!in_range(*departure.energy_kwh, 0, vehicle.battery_kwh) || *departure.energy_kwh == 0))
        return fail("invalid_energy",
                    "'energyKwh' is more than 0 and at most the vehicle's battery (" +
                        number_text(vehicle.battery_kwh) + " kWh)",
                    "energyKwh");
    if (departure.soc && !in_range(*departure.soc, 1, 100))
        return fail("invalid_soc", "'soc' is a percentage from 1 to 100", "soc");
    return ok();
}

} // namespace manage::core
