#include "manage/core/fleets.hpp"

#include "manage/common/ids.hpp"

namespace manage::core {
namespace {

// Writes that lose a race without If-Match are retried on the newer record this many times.
constexpr int kAttempts = 5;

template <class T> Written<T> failed(Error error, std::int64_t current_version = 0) {
    Written<T> written;
    written.error = std::move(error);
    written.current_version = current_version;
    return written;
}

template <class T> Written<T> written(T record) {
    Written<T> done;
    done.record = std::move(record);
    return done;
}

Error fleet_not_found(const std::string &id) {
    return {"fleet_not_found", "no fleet '" + id + "'", "fleetId"};
}

Error vehicle_not_found(const std::string &id) {
    return {"vehicle_not_found", "no vehicle '" + id + "'", "vehicleId"};
}

Error departure_not_found(const std::string &id) {
    return {"departure_not_found", "no departure '" + id + "'", "departureId"};
}

Error stale() {
    return {"precondition_failed", "the record changed since you read it (If-Match): read it again and retry",
            "If-Match"};
}

// PATCH: read, edit, check and write at the version read. The edit cannot change what the server
// owns (id, organisation, version, creation time).
template <class T>
Written<T> update_record(std::optional<std::int64_t> if_match, const std::function<std::optional<T>()> &read,
                         const Edit<T> &edit, const std::function<Result<void>(const T &)> &check,
                         const std::function<WriteOutcome(const T &, std::int64_t)> &write, const Error &not_found,
                         TimePoint now) {
    std::int64_t last_version = 0;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        const auto current = read();
        if (!current)
            return failed<T>(not_found);
        if (if_match && current->version != *if_match)
            return failed<T>(stale(), current->version);
        auto edited = edit(*current);
        if (!edited)
            return failed<T>(edited.error());
        T record = std::move(edited.value());
        record.id = current->id;
        record.organisation_id = current->organisation_id;
        record.created_at = current->created_at;
        record.updated_at = now;
        if (auto checked = check(record); !checked)
            return failed<T>(checked.error());
        const auto result = write(record, current->version);
        switch (result.status) {
        case WriteStatus::Done:
            record.version = result.version;
            return written(std::move(record));
        case WriteStatus::Missing:
            return failed<T>(not_found);
        case WriteStatus::Refused:
            return failed<T>(result.error);
        case WriteStatus::Stale:
        case WriteStatus::InUse:
            if (if_match)
                return failed<T>(stale(), result.version);
            last_version = result.version;
            break;
        }
    }
    return failed<T>(stale(), last_version);
}

Written<bool> removal(const WriteOutcome &result, const Error &not_found) {
    switch (result.status) {
    case WriteStatus::Done:
        return written(true);
    case WriteStatus::Missing:
        return failed<bool>(not_found);
    case WriteStatus::Refused:
        return failed<bool>(result.error);
    case WriteStatus::Stale:
    case WriteStatus::InUse:
        break;
    }
    return failed<bool>(stale(), result.version);
}

// A token another write took between the check and the write: its error, out of update_record.
struct TokenConflict {
    Error error;
};

std::string quoted_names(const std::vector<Vehicle> &vehicles) {
    std::string text;
    for (std::size_t i = 0; i < vehicles.size() && i < 5; ++i)
        text += (i == 0 ? "'" : ", '") + vehicles[i].name + "'";
    if (vehicles.size() > 5)
        text += " and " + std::to_string(vehicles.size() - 5) + " more";
    return text;
}

} // namespace

std::vector<Fleet> Fleets::list_fleets(const std::string &organisation_id) {
    return repository_.list_fleets(organisation_id);
}

std::optional<Fleet> Fleets::find_fleet(const std::string &organisation_id, const std::string &id) {
    return repository_.find_fleet(organisation_id, id);
}

Written<Fleet> Fleets::create_fleet(const std::string &organisation_id, Fleet fleet) {
    fleet.id = new_uuid();
    fleet.organisation_id = organisation_id;
    fleet.version = 1;
    fleet.created_at = fleet.updated_at = clock_.now();
    if (auto checked = check_fleet(fleet); !checked)
        return failed<Fleet>(checked.error());
    repository_.insert_fleet(fleet);
    return written(std::move(fleet));
}

Written<Fleet> Fleets::update_fleet(const std::string &organisation_id, const std::string &id,
                                    std::optional<std::int64_t> if_match, const Edit<Fleet> &edit) {
    return update_record<Fleet>(
        if_match, [&] { return repository_.find_fleet(organisation_id, id); }, edit, check_fleet,
        [&](const Fleet &fleet, std::int64_t expected) { return repository_.update_fleet(fleet, expected); },
        fleet_not_found(id), clock_.now());
}

Written<bool> Fleets::remove_fleet(const std::string &organisation_id, const std::string &id,
                                   std::optional<std::int64_t> if_match) {
    const auto result = repository_.delete_fleet(organisation_id, id, if_match);
    if (result.status == WriteStatus::InUse) {
        const auto vehicles = repository_.list_vehicles(organisation_id, id);
        return failed<bool>({"fleet_in_use", "the fleet still has vehicles: " + quoted_names(vehicles), "fleetId"},
                            result.version);
    }
    return removal(result, fleet_not_found(id));
}

std::vector<Vehicle> Fleets::list_vehicles(const std::string &organisation_id,
                                           const std::optional<std::string> &fleet_id) {
    return repository_.list_vehicles(organisation_id, fleet_id);
}

std::optional<Vehicle> Fleets::find_vehicle(const std::string &organisation_id, const std::string &id) {
    return repository_.find_vehicle(organisation_id, id);
}

std::optional<Vehicle> Fleets::vehicle_for_token(const std::string &organisation_id, const std::string &token) {
    return repository_.vehicle_with_token(organisation_id, token);
}

Result<void> Fleets::check_references(const Vehicle &vehicle) {
    if (!repository_.find_fleet(vehicle.organisation_id, vehicle.fleet_id))
        return fail("unknown_fleet", "no fleet '" + vehicle.fleet_id + "'", "fleetId");
    for (std::size_t i = 0; i < vehicle.rfid_tokens.size(); ++i) {
        const auto holder = repository_.vehicle_with_token(vehicle.organisation_id, vehicle.rfid_tokens[i]);
        if (holder && holder->id != vehicle.id)
            return fail("rfid_token_taken",
                        "RFID token '" + vehicle.rfid_tokens[i] + "' belongs to vehicle '" + holder->name + "' (" +
                            holder->id + ")",
                        "rfidTokens/" + std::to_string(i));
    }
    return ok();
}

Written<Vehicle> Fleets::create_vehicle(const std::string &organisation_id, Vehicle vehicle) {
    vehicle.id = new_uuid();
    vehicle.organisation_id = organisation_id;
    vehicle.version = 1;
    vehicle.created_at = vehicle.updated_at = clock_.now();
    if (auto checked = check_vehicle(vehicle); !checked)
        return failed<Vehicle>(checked.error());
    if (auto checked = check_references(vehicle); !checked)
        return failed<Vehicle>(checked.error());
    try {
        repository_.insert_vehicle(vehicle);
    } catch (const std::exception &) {
        // Another write took a token or removed the fleet since the check: say which.
        if (auto checked = check_references(vehicle); !checked)
            return failed<Vehicle>(checked.error());
        throw;
    }
    return written(std::move(vehicle));
}

Written<Vehicle> Fleets::update_vehicle(const std::string &organisation_id, const std::string &id,
                                        std::optional<std::int64_t> if_match, const Edit<Vehicle> &edit) {
    const auto check = [&](const Vehicle &vehicle) -> Result<void> {
        BOOST_OUTCOME_TRY(check_vehicle(vehicle));
        BOOST_OUTCOME_TRY(check_references(vehicle));
        for (const auto &departure : repository_.list_departures(organisation_id, id)) {
            if (departure.energy_kwh && *departure.energy_kwh > vehicle.battery_kwh)
                return fail("invalid_battery",
                            "departure '" + (departure.name.empty() ? departure.id : departure.name) +
                                "' needs more energy than that battery holds",
                            "batteryKwh");
        }
        return ok();
    };
    const auto write = [&](const Vehicle &vehicle, std::int64_t expected) {
        try {
            return repository_.update_vehicle(vehicle, expected);
        } catch (const std::exception &) {
            if (auto checked = check_references(vehicle); !checked)
                throw TokenConflict{checked.error()};
            throw;
        }
    };
    try {
        return update_record<Vehicle>(
            if_match, [&] { return repository_.find_vehicle(organisation_id, id); }, edit, check, write,
            vehicle_not_found(id), clock_.now());
    } catch (const TokenConflict &conflict) {
        return failed<Vehicle>(conflict.error);
    }
}

Written<bool> Fleets::remove_vehicle(const std::string &organisation_id, const std::string &id,
                                     std::optional<std::int64_t> if_match) {
    return removal(repository_.delete_vehicle(organisation_id, id, if_match), vehicle_not_found(id));
}

Written<std::vector<Departure>> Fleets::list_departures(const std::string &organisation_id,
                                                        const std::string &vehicle_id) {
    if (!repository_.find_vehicle(organisation_id, vehicle_id))
        return failed<std::vector<Departure>>(vehicle_not_found(vehicle_id));
    return written(repository_.list_departures(organisation_id, vehicle_id));
}

Written<Departure> Fleets::find_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                          const std::string &id) {
    if (!repository_.find_vehicle(organisation_id, vehicle_id))
        return failed<Departure>(vehicle_not_found(vehicle_id));
    auto departure = repository_.find_departure(organisation_id, vehicle_id, id);
    if (!departure)
        return failed<Departure>(departure_not_found(id));
    return written(std::move(*departure));
}

Written<Departure> Fleets::create_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                            Departure departure) {
    const auto vehicle = repository_.find_vehicle(organisation_id, vehicle_id);
    if (!vehicle)
        return failed<Departure>(vehicle_not_found(vehicle_id));
    departure.id = new_uuid();
    departure.organisation_id = organisation_id;
    departure.vehicle_id = vehicle_id;
    departure.version = 1;
    departure.created_at = departure.updated_at = clock_.now();
    if (auto checked = check_departure(departure, *vehicle); !checked)
        return failed<Departure>(checked.error());
    try {
        repository_.insert_departure(departure);
    } catch (const std::exception &) {
        if (!repository_.find_vehicle(organisation_id, vehicle_id)) // deleted since: its departures go too
            return failed<Departure>(vehicle_not_found(vehicle_id));
        throw;
    }
    return written(std::move(departure));
}

Written<Departure> Fleets::update_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                            const std::string &id, std::optional<std::int64_t> if_match,
                                            const Edit<Departure> &edit) {
    const auto vehicle = repository_.find_vehicle(organisation_id, vehicle_id);
    if (!vehicle)
        return failed<Departure>(vehicle_not_found(vehicle_id));
    return update_record<Departure>(
        if_match, [&] { return repository_.find_departure(organisation_id, vehicle_id, id); }, edit,
        [&](const Departure &departure) { return check_departure(departure, *vehicle); },
        [&](const Departure &departure, std::int64_t expected) {
            return repository_.update_departure(departure, expected);
        },
        departure_not_found(id), clock_.now());
}

Written<bool> Fleets::remove_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                       const std::string &id, std::optional<std::int64_t> if_match) {
    if (!repository_.find_vehicle(organisation_id, vehicle_id))
        return failed<bool>(vehicle_not_found(vehicle_id));
    return removal(repository_.delete_departure(organisation_id, vehicle_id, id, if_match), departure_not_found(id));
}

Written<std::vector<UpcomingDeparture>> Fleets::next_departures(const std::string &organisation_id,
                                                                const std::string &vehicle_id, TimePoint from,
                                                                TimePoint to) {
    const auto vehicle = repository_.find_vehicle(organisation_id, vehicle_id);
    if (!vehicle)
        return failed<std::vector<UpcomingDeparture>>(vehicle_not_found(vehicle_id));
    auto next = core::next_departures(*vehicle, repository_.list_departures(organisation_id, vehicle_id), from, to);
    if (!next)
        return failed<std::vector<UpcomingDeparture>>(next.error());
    return written(std::move(next.value()));
}

} // namespace manage::core
