#pragma once
// Fleets, vehicles and departures in and out of JSON, with the precise 422 errors of docs/api.md.
#include "manage/common/result.hpp"
#include "manage/core/fleet.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

infra::http::Json fleet_to_json(const Fleet &fleet);
infra::http::Json vehicle_to_json(const Vehicle &vehicle);
infra::http::Json departure_to_json(const Departure &departure);
infra::http::Json upcoming_departure_to_json(const UpcomingDeparture &departure);

// The body's members applied to `record` (a new one for POST, the stored one for PATCH). `creating`:
// the members a new record needs must be there. Unknown members fail `unknown_field`.
Result<Fleet> apply_fleet_body(Fleet record, const infra::http::Json &body, bool creating);
Result<Vehicle> apply_vehicle_body(Vehicle record, const infra::http::Json &body, bool creating);
// A departure's `kind` may change in a PATCH; the new kind's members are then required. Sending either
// `energyKwh` or `soc` replaces the pair (so sending one clears the other).
Result<Departure> apply_departure_body(Departure record, const infra::http::Json &body, bool creating);

} // namespace manage::core
