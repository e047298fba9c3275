#pragma once
// Organisations are the tenants: every charger, ID tag, tariff, user and API key belongs to one, and
// nobody acting for one sees or changes another's.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::infra {
class Database;
}

namespace manage::core {

struct Organisation {
    std::string id;
    std::string name;
    TimePoint created_at{};
};

class Organisations {
public:
    Organisations(infra::Database &database, const Clock &clock) : database_(database), clock_(clock) {}
    // `id` defaults to a new UUID. invalid_name (422); organisation_exists (409).
    Result<Organisation> create(const std::string &name, const std::string &id = {});
    std::optional<Organisation> find(const std::string &id);
    Result<Organisation> rename(const std::string &id, const std::string &name);
    std::vector<Organisation> list();

private:
    infra::Database &database_;
    const Clock &clock_;
};

} // namespace manage::core
