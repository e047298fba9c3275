#include "core_fixture.hpp"

#include "manage/core/api_keys.hpp"

using namespace manage;

class ApiKeysTest : public manage::testing::CoreFixture {};

TEST_F(ApiKeysTest, CreatedKeyVerifiesAndOthersDoNot) {
    core::ApiKeys keys(*database_, clock_);
    EXPECT_EQ(keys.count(), 0);
    const auto key = keys.create("admin");
    EXPECT_EQ(key.rfind("mng_", 0), 0u);
    EXPECT_EQ(keys.count(), 1);
    EXPECT_TRUE(keys.verify(key));
    EXPECT_FALSE(keys.verify(key + "x"));
    EXPECT_FALSE(keys.verify(""));
    EXPECT_FALSE(keys.verify("mng_0000000000000000000000000000000000000000000000000000000000000000"));
}

TEST_F(ApiKeysTest, OnlyTheDigestIsStored) {
    core::ApiKeys keys(*database_, clock_);
    const auto key = keys.create("admin");
    std::string stored;
    database_->with_session([&](soci::session &sql) { sql << "SELECT key_hash FROM api_keys", soci::into(stored); });
    EXPECT_EQ(stored, core::sha256_hex(key));
    EXPECT_EQ(stored.find(key.substr(4)), std::string::npos);
}

TEST(Sha256, MatchesTheFipsVector) {
    // FIPS 180-2, appendix B.1
    EXPECT_EQ(core::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
