#pragma once
// What the command service keeps in the Store: the audit of every command, and what successful commands
// leave behind (the charger's configuration, its charging profiles, its reservations).
#include "manage/common/clock.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// Who sent a command: an API key (its id and name), or the platform itself ("system").
struct Actor {
    std::string id;
    std::string name;
    static Actor system() { return {"system", "system"}; }
};

// One command as audited. `outcome` is "pending" while the charger has not answered, then ok,
// not_connected, timeout, call_error, invalid_response or connection_lost.
struct CommandRecord {
    std::string id;
    std::string charger_id;
    std::string action;
    std::string request; // JSON text
    Actor actor;
    TimePoint requested_at{};
    std::optional<TimePoint> finished_at;
    std::string outcome = "pending";
    std::string response;          // the charger's answer (JSON text) when ok
    std::string error_code;        // the charger's CALLERROR code, or the outcome for other failures
    std::string error_description; // for people
};

struct ConfigurationEntry {
    std::string key;
    std::optional<std::string> value; // absent when the charger did not say (e.g. a write-only key)
    bool readonly = false;
};

// The configuration a charger last reported (GetConfiguration), with accepted changes applied.
struct ChargerConfiguration {
    std::vector<ConfigurationEntry> keys;  // by key
    std::vector<std::string> unknown_keys; // keys asked for that the charger does not know
    std::optional<TimePoint> updated_at;
};

// A charging profile the charger accepted (SetChargingProfile), as OCPP 1.6 describes it.
struct StoredChargingProfile {
    std::string charger_id;
    int connector_id = 0;
    int profile_id = 0;
    int stack_level = 0;
    std::string purpose; // ChargePointMaxProfile, TxDefaultProfile, TxProfile
    std::string profile; // the csChargingProfiles object (JSON text)
    TimePoint set_at{};
};

// Which profiles a ClearChargingProfile removes (OCPP 1.6 §5.4): by id, or else by every field given.
struct ProfileFilter {
    std::optional<int> profile_id;
    std::optional<int> connector_id;
    std::optional<std::string> purpose;
    std::optional<int> stack_level;
};

struct Reservation {
    std::string charger_id;
    int reservation_id = 0;
    int connector_id = 0;
    std::string id_tag;
    std::string parent_id_tag;
    TimePoint expiry{};
    // active, cancelled, or expired / removed as a 2.0.1 charger reports (ReservationStatusUpdate); reads
    // show an active one past its expiry as expired.
    std::string status = "active";
    TimePoint created_at{};
    TimePoint updated_at{};
};

class CommandRepository {
public:
    virtual ~CommandRepository() = default;

    virtual void insert_command(const CommandRecord &record) = 0;
    // Sets finished_at, outcome, response and error of the command with record.id.
    virtual void finish_command(const CommandRecord &record) = 0;
    // Newest first.
    virtual std::vector<CommandRecord> commands(const std::string &charger_id, std::size_t limit) = 0;

    // complete: the answer to a GetConfiguration without keys, which replaces everything stored;
    // otherwise the entries are merged into what is stored.
    virtual void save_configuration(const std::string &charger_id, const ChargerConfiguration &configuration,
                                    bool complete, TimePoint at) = 0;
    virtual void save_configuration_value(const std::string &charger_id, const std::string &key,
                                          const std::string &value, TimePoint at) = 0;
    virtual ChargerConfiguration configuration(const std::string &charger_id) = 0;

    // Replaces a profile with the same id, or with the same connector, purpose and stack level (§5.16.1).
    virtual void save_charging_profile(const StoredChargingProfile &profile) = 0;
    // Returns how many were removed.
    virtual std::size_t clear_charging_profiles(const std::string &charger_id, const ProfileFilter &filter) = 0;
    // By connector, purpose, stack level.
    virtual std::vector<StoredChargingProfile> charging_profiles(const std::string &charger_id) = 0;

    // Replaces a reservation with the same id on that charger.
    virtual void save_reservation(const Reservation &reservation) = 0;
    // False when there is no such reservation.
    virtual bool set_reservation_status(const std::string &charger_id, int reservation_id, const std::string &status,
                                        TimePoint at) = 0;
    // Newest first, as stored (the service derives "expired").
    virtual std::vector<Reservation> reservations(const std::string &charger_id) = 0;
};

} // namespace manage::core
