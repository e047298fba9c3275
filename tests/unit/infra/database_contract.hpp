#pragma once
// The Store port's contract: every Database engine passes these tests. An engine's test file
// instantiates them with a harness factory:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, DatabaseContract, ::testing::Values(DatabaseEngine{"Sqlite", make}),
//                            database_engine_name);
#include "manage/infra/database.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace manage::infra::testing {

// One engine under test: every open() reaches the same database, without tables when the harness
// was made (a shared server's harness gives each test a schema of its own), as a second node or a
// newer build would.
class DatabaseHarness {
public:
    virtual ~DatabaseHarness() = default;
    virtual Dialect dialect() const = 0;
    virtual Result<std::unique_ptr<Database>> open(std::size_t pool_size) = 0;
};

struct DatabaseEngine {
    std::string name;
    std::function<std::unique_ptr<DatabaseHarness>()> make;
};

// Names the adapter in test output instead of dumping its bytes.
inline void PrintTo(const DatabaseEngine &adapter, std::ostream *out) {
    *out << adapter.name;
}

inline std::string database_engine_name(const ::testing::TestParamInfo<DatabaseEngine> &info) {
    return info.param.name;
}

class DatabaseContract : public ::testing::TestWithParam<DatabaseEngine> {
protected:
    void SetUp() override;
    void TearDown() override;

    Database &database() { return *database_; }
    DatabaseHarness &harness() { return *harness_; }
    // Another Database over the same data, e.g. a second node or a different build.
    std::unique_ptr<Database> open_another(std::size_t pool_size = 2);

private:
    std::unique_ptr<DatabaseHarness> harness_;
    std::unique_ptr<Database> database_;
};

} // namespace manage::infra::testing
