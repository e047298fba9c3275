#pragma once
#include "manage/core/command_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

// The CommandRepository over the Store (SQLite or PostgreSQL): tables of migration 4.
class SqlCommandRepository final : public CommandRepository {
public:
    explicit SqlCommandRepository(infra::Database &database) : database_(database) {}

    void insert_command(const CommandRecord &record) override;
    void finish_command(const CommandRecord &record) override;
    std::vector<CommandRecord> commands(const std::string &charger_id, std::size_t limit) override;

    void save_configuration(const std::string &charger_id, const ChargerConfiguration &configuration, bool complete,
                            TimePoint at) override;
    void save_configuration_value(const std::string &charger_id, const std::string &key, const std::string &value,
                                  TimePoint at) override;
    ChargerConfiguration configuration(const std::string &charger_id) override;

    void save_charging_profile(const StoredChargingProfile &profile) override;
    std::size_t clear_charging_profiles(const std::string &charger_id, const ProfileFilter &filter) override;
    std::vector<StoredChargingProfile> charging_profiles(const std::string &charger_id) override;

    void save_reservation(const Reservation &reservation) override;
    bool set_reservation_status(const std::string &charger_id, int reservation_id, const std::string &status,
                                TimePoint at) override;
    std::vector<Reservation> reservations(const std::string &charger_id) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
