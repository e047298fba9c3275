#include "manage/core/organisations.hpp"

#include "manage/common/ids.hpp"
#include "manage/infra/database.hpp"

#include <soci/soci.h>

namespace manage::core {
namespace {

Result<void> check_name(const std::string &name) {
    if (name.empty() || name.size() > 200)
        return fail("invalid_name", "an organisation's name is 1 to 200 characters", "name");
    return ok();
}

long long millis(TimePoint at) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

} // namespace

Result<Organisation> Organisations::create(const std::string &name, const std::string &id) {
    BOOST_OUTCOME_TRY(check_name(name));
    Organisation organisation{id.empty() ? new_uuid() : id, name, clock_.now()};
    const auto at = millis(organisation.created_at);
    bool exists = false;
    database_.in_transaction([&](soci::session &sql) {
        int count = 0;
        sql << "SELECT COUNT(*) FROM organisations WHERE id = :id", soci::use(organisation.id), soci::into(count);
        exists = count > 0;
        if (!exists)
            sql << "INSERT INTO organisations (id, name, created_at) VALUES (:id, :name, :at)",
                soci::use(organisation.id), soci::use(name), soci::use(at);
    });
    if (exists)
        return fail("organisation_exists", "there is already an organisation '" + organisation.id + "'", "id");
    return organisation;
}

std::optional<Organisation> Organisations::find(const std::string &id) {
    std::optional<Organisation> found;
    database_.with_session([&](soci::session &sql) {
        std::string name;
        long long at = 0;
        sql << "SELECT name, created_at FROM organisations WHERE id = :id", soci::use(id), soci::into(name),
            soci::into(at);
        if (sql.got_data())
            found = Organisation{id, name, TimePoint(std::chrono::milliseconds(at))};
    });
    return found;
}

Result<Organisation> Organisations::rename(const std::string &id, const std::string &name) {
    BOOST_OUTCOME_TRY(check_name(name));
    auto organisation = find(id);
    if (!organisation)
        return fail("organisation_not_found", "there is no organisation '" + id + "'", "id");
    database_.with_session([&](soci::session &sql) {
        sql << "UPDATE organisations SET name = :name WHERE id = :id", soci::use(name), soci::use(id);
    });
    organisation->name = name;
    return *organisation;
}

std::vector<Organisation> Organisations::list() {
    std::vector<Organisation> all;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, name, created_at FROM organisations ORDER BY id");
        for (const auto &row : rows)
            all.push_back(Organisation{row.get<std::string>(0), row.get<std::string>(1),
                                       TimePoint(std::chrono::milliseconds(row.get<long long>(2)))});
    });
    return all;
}

} // namespace manage::core
