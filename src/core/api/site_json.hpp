#pragma once
// The API's shapes of sites, load groups and the site tree, and the bodies that write them, with the
// 422 errors docs/api.md promises (fields named as paths: `address/country`, `limit/schedule/2/start`).
#include "manage/common/result.hpp"
#include "manage/core/site.hpp"
#include "manage/core/sites.hpp"

#include <nlohmann/json.hpp>

namespace manage::core {

nlohmann::json site_to_json(const Site &site);
nlohmann::json load_group_to_json(const LoadGroup &group);
// The tree with each node's limit and, in `limitKwNow`, its limit in kW in force at `now`.
nlohmann::json site_tree_to_json(const SiteTree &tree, TimePoint now);

// POST (`full`: every required member) or PATCH (only what is sent) bodies.
Result<Site> site_from_body(const nlohmann::json &body);
Result<SiteChanges> site_changes_from_body(const nlohmann::json &body);
Result<LoadGroup> load_group_from_body(const nlohmann::json &body);
Result<LoadGroupChanges> load_group_changes_from_body(const nlohmann::json &body);
Result<ChargerChanges> charger_changes_from_body(const nlohmann::json &body);
Result<ConnectorSettings> connector_settings_from_body(const nlohmann::json &body);

} // namespace manage::core
