// Sites, load groups and where chargers sit, stored in SQLite (the cases are shared with PostgreSQL).
#include "core_fixture.hpp"
#include "site_store_cases.hpp"

using manage::testing::CoreFixture;
namespace cases = manage::testing::site_cases;

class SiteStore : public CoreFixture {};

TEST_F(SiteStore, SitesAreEachOrganisationsOwnAndVersioned) {
    cases::sites_are_scoped_and_versioned(*database_, clock_);
}

TEST_F(SiteStore, LoadGroupsKeepTheTreeSound) {
    cases::load_groups_keep_the_tree_sound(*database_, clock_);
}

TEST_F(SiteStore, ChargersSitInLoadGroupsAndConnectorsHaveTypes) {
    cases::chargers_sit_in_load_groups(*database_, clock_);
}
