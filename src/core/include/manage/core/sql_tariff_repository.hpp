#pragma once
#include "manage/core/tariff_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

class SqlTariffRepository final : public TariffRepository {
public:
    explicit SqlTariffRepository(infra::Database &database) : database_(database) {}
    std::vector<Tariff> list_tariffs() override;
    std::optional<Tariff> find_tariff(const std::string &id) override;
    bool save_tariff(const Tariff &tariff) override;
    bool delete_tariff(const std::string &id) override;
    std::vector<std::string> chargers_billed_by(const std::string &tariff_id) override;
    std::optional<std::string> tariff_id_of(const std::string &charger_id) override;
    void assign_tariff(const std::string &charger_id, const std::optional<std::string> &tariff_id) override;
    std::vector<std::string> sites_billed_by(const std::string &tariff_id) override;
    std::optional<std::string> site_tariff_id(const std::string &site_id) override;
    void assign_site_tariff(const std::string &site_id, const std::optional<std::string> &tariff_id) override;
    std::optional<std::string> billing_tariff_id_of(const std::string &charger_id) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
