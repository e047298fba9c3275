#include "database_url.hpp"

#include <gmock/gmock.h>

#include <ostream>

namespace manage::infra::detail {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(DatabaseUrl, SqliteTakesTheRestAsAPath) {
    const auto absolute = parse_database_url("sqlite:///var/lib/manage/manage.db");
    ASSERT_TRUE(absolute);
    EXPECT_EQ(absolute.value().dialect, Dialect::sqlite);
    EXPECT_EQ(absolute.value().sqlite_file, "/var/lib/manage/manage.db");
    EXPECT_EQ(absolute.value().connect_string, "db=\"/var/lib/manage/manage.db\"");
    const auto relative = parse_database_url("sqlite://./data/manage.db");
    ASSERT_TRUE(relative);
    EXPECT_EQ(relative.value().sqlite_file, "./data/manage.db");
}

TEST(DatabaseUrl, PostgresMapsToLibpqKeywords) {
    const auto target = parse_database_url("postgresql://manage:s3cret@db.example:5433/manage");
    ASSERT_TRUE(target);
    EXPECT_EQ(target.value().dialect, Dialect::postgresql);
    EXPECT_EQ(target.value().connect_string, "host='db.example' dbname='manage' port=5433 user='manage' "
                                             "password='s3cret' connect_timeout=10");
    EXPECT_EQ(target.value().display, "postgresql://manage:***@db.example:5433/manage");
    EXPECT_EQ(target.value().password, "s3cret");
}

TEST(DatabaseUrl, PostgresDecodesAndQuotesUserPasswordAndName) {
    const auto target = parse_database_url("postgres://us%40er:p%27a%5Css%20w@[::1]/my%20db?sslmode=require");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().connect_string, R"(host='::1' dbname='my db' user='us@er' password='p\'a\\ss w')"
                                             R"( sslmode='require' connect_timeout=10)");
    EXPECT_EQ(target.value().password, R"(p'a\ss w)");
}

TEST(DatabaseUrl, PostgresTakesTheLastAtAsTheEndOfTheUserInformation) {
    const auto target = parse_database_url("postgresql://manage:p@ss/word@localhost/manage");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().password, "p@ss/word");
    EXPECT_EQ(target.value().display, "postgresql://manage:***@localhost/manage");
}

TEST(DatabaseUrl, PostgresWithoutCredentialsOrPort) {
    const auto target = parse_database_url("postgresql://localhost/manage?connect_timeout=3");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().connect_string, "host='localhost' dbname='manage' connect_timeout='3'");
}

struct BadUrl {
    const char *url;
    const char *problem;
};

void PrintTo(const BadUrl &bad, std::ostream *out) {
    *out << "'" << bad.url << "'";
}

class RejectedDatabaseUrl : public ::testing::TestWithParam<BadUrl> {};

TEST_P(RejectedDatabaseUrl, NamesTheProblemWithoutThePassword) {
    const auto target = parse_database_url(GetParam().url);
    ASSERT_FALSE(target);
    EXPECT_EQ(target.error().code, "bad_database_url");
    EXPECT_THAT(target.error().message, HasSubstr(GetParam().problem));
    EXPECT_THAT(target.error().message, Not(HasSubstr("hunter2")));
}

INSTANTIATE_TEST_SUITE_P(
    Table, RejectedDatabaseUrl,
    ::testing::Values(BadUrl{"", "empty"}, BadUrl{"manage.db", "no scheme"},
                      BadUrl{"mysql://u:hunter2@h/db", "unsupported scheme 'mysql'"},
                      BadUrl{"sqlite://", "path is missing"}, BadUrl{"sqlite://:memory:", "in-memory"},
                      BadUrl{"sqlite://a\"b.db", "must not contain"},
                      BadUrl{"postgresql://u:hunter2@localhost", "database name is missing"},
                      BadUrl{"postgresql://u:hunter2@localhost/", "database name is missing"},
                      BadUrl{"postgresql://u:hunter2@/db", "host is missing"},
                      BadUrl{"postgresql://u:hunter2@h:54x2/db", "port must be a number"},
                      BadUrl{"postgresql://u:hunter2@h:0/db", "port must be a number"},
                      BadUrl{"postgresql://u:hunter2@h:70000/db", "port must be a number"},
                      BadUrl{"postgresql://u:hunter2@[::1/db", "unclosed '['"},
                      BadUrl{"postgresql://u%zz:hunter2@h/db", "percent-encoding"},
                      BadUrl{"postgresql://u:hunter2@h/db?password=x", "unsupported parameter 'password'"}));

TEST(DatabaseUrl, MaskPasswordLeavesUrlsWithoutOneAlone) {
    EXPECT_EQ(mask_password("sqlite:///data/manage.db"), "sqlite:///data/manage.db");
    EXPECT_EQ(mask_password("postgresql://manage@localhost/manage"), "postgresql://manage@localhost/manage");
    EXPECT_EQ(mask_password("postgres://a:b@h/d"), "postgres://a:***@h/d");
}

TEST(DatabaseUrl, RedactReplacesEveryOccurrence) {
    EXPECT_EQ(redact("pw is abc, again abc", "abc"), "pw is ***, again ***");
    EXPECT_EQ(redact("nothing to hide", ""), "nothing to hide");
}

TEST(DatabaseOpen, AnUnreachableServerFailsWithoutShowingThePassword) {
    const auto database = Database::open("postgresql://manage:hunter2@127.0.0.1:1/manage?connect_timeout=2", 1);
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, "database_unavailable");
    EXPECT_THAT(database.error().message, HasSubstr("postgresql://manage:***@127.0.0.1:1/manage"));
    EXPECT_THAT(database.error().message, Not(HasSubstr("hunter2")));
}

TEST(DatabaseOpen, ABadUrlFailsBeforeConnecting) {
    const auto database = Database::open("postgresql://manage:hunter2@localhost", 1);
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, "bad_database_url");
    EXPECT_THAT(database.error().message, Not(HasSubstr("hunter2")));
}

} // namespace
} // namespace manage::infra::detail
