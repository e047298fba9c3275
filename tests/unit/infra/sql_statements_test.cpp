#include "sql_statements.hpp"

#include <gtest/gtest.h>

namespace manage::infra::detail {
namespace {

using Statements = std::vector<std::string>;

TEST(SplitSqlStatements, SplitsAtSemicolonsAndTrims) {
    EXPECT_EQ(split_sql_statements("CREATE TABLE a (x INT);\n  CREATE TABLE b (y INT) ;\n"),
              (Statements{"CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"}));
}

TEST(SplitSqlStatements, ALastStatementNeedsNoSemicolon) {
    EXPECT_EQ(split_sql_statements("SELECT 1; SELECT 2"), (Statements{"SELECT 1", "SELECT 2"}));
}

TEST(SplitSqlStatements, LeavesOutBlankStatements) {
    EXPECT_EQ(split_sql_statements(" ;;\n; SELECT 1;; \n"), (Statements{"SELECT 1"}));
    EXPECT_TRUE(split_sql_statements("").empty());
}

TEST(SplitSqlStatements, KeepsSemicolonsInsideQuotes) {
    EXPECT_EQ(split_sql_statements("INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT \"odd;name\" FROM t"),
              (Statements{"INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT \"odd;name\" FROM t"}));
}

TEST(SplitSqlStatements, IgnoresSemicolonsInComments) {
    EXPECT_EQ(split_sql_statements("-- first; table\nCREATE TABLE a (x INT); /* b; c */ SELECT 1"),
              (Statements{"CREATE TABLE a (x INT)", "SELECT 1"}));
}

TEST(SplitSqlStatements, ACommentOnlyStatementIsBlank) {
    EXPECT_EQ(split_sql_statements("SELECT 1;\n-- the end\n"), (Statements{"SELECT 1"}));
}

TEST(SplitSqlStatements, CommentMarkersInsideQuotesAreText) {
    EXPECT_EQ(split_sql_statements("SELECT '--;' ; SELECT '/*;*/'"), (Statements{"SELECT '--;'", "SELECT '/*;*/'"}));
}

TEST(SplitSqlStatements, AnUnclosedQuoteRunsToTheEnd) {
    EXPECT_EQ(split_sql_statements("SELECT 'open; still open"), (Statements{"SELECT 'open; still open"}));
}

} // namespace
} // namespace manage::infra::detail
