// Users, their argon2id passwords and web sessions, over the embedded Store and Cache on a simulated
// clock: what the sign-in route and the Authenticator rely on.
#include "core_fixture.hpp"

#include "manage/core/api_keys.hpp"
#include "manage/core/organisations.hpp"
#include "manage/core/users.hpp"

#include <gmock/gmock.h>

using namespace manage;
using namespace std::chrono_literals;

namespace {

class UsersTest : public manage::testing::CoreFixture {
protected:
    void SetUp() override {
        CoreFixture::SetUp();
        core::UsersOptions options;
        options.argon2 = core::Argon2Options{1, 64, 1}; // cheap: the parameters' effect is argon2's business
        options.session_lifetime = 1h;
        users_ = std::make_unique<core::Users>(*database_, cache_, clock_, options);
    }

    core::User make(const std::string &email, core::Role role, const std::string &organisation = "default") {
        auto user = users_->create(organisation, core::NewUser{email, "Someone", "a-long-enough-password", role});
        EXPECT_TRUE(user) << (user ? "" : user.error().message);
        return user ? user.value() : core::User{};
    }

    std::unique_ptr<core::Users> users_;
};

TEST(UserPasswords, Argon2idHashesVerifyOnlyTheirPasswordAndCarryTheirParameters) {
    const auto hash = core::hash_user_password("correct horse battery", core::Argon2Options{1, 64, 1});
    EXPECT_THAT(hash, ::testing::StartsWith("$argon2id$v=19$m=64,t=1,p=1$"));
    EXPECT_TRUE(core::verify_user_password(hash, "correct horse battery"));
    EXPECT_FALSE(core::verify_user_password(hash, "correct horse battery "));
    EXPECT_NE(hash, core::hash_user_password("correct horse battery", core::Argon2Options{1, 64, 1}))
        << "a fresh salt every time";
    EXPECT_FALSE(core::verify_user_password("pbkdf2-sha256$1$00$00", "x")) << "not an argon2id hash";
}

TEST_F(UsersTest, OnlyTheHashIsStored) {
    make("ops@depot.example", core::Role::Operator);
    std::string stored;
    database_->with_session([&](soci::session &sql) { sql << "SELECT password_hash FROM users", soci::into(stored); });
    EXPECT_THAT(stored, ::testing::StartsWith("$argon2id$"));
    EXPECT_EQ(stored.find("a-long-enough-password"), std::string::npos);
}

TEST_F(UsersTest, ASessionIdentifiesItsUserUntilItExpires) {
    const auto user = make("ops@depot.example", core::Role::Operator);
    auto session = users_->sign_in("OPS@depot.example", "a-long-enough-password", "127.0.0.1");
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session.value().token.size(), 64u);
    const auto principal = users_->identify_session(session.value().token);
    ASSERT_TRUE(principal);
    EXPECT_EQ(principal->actor_id, user.id);
    EXPECT_EQ(principal->organisation_id, "default");
    EXPECT_EQ(principal->role, core::Role::Operator);
    EXPECT_EQ(principal->csrf_token, session.value().csrf_token);
    std::string stored;
    database_->with_session(
        [&](soci::session &sql) { sql << "SELECT token_hash FROM web_sessions", soci::into(stored); });
    EXPECT_NE(stored, session.value().token) << "only the token's digest is stored";
    clock_.advance(59min);
    EXPECT_TRUE(users_->identify_session(session.value().token));
    clock_.advance(2min);
    EXPECT_FALSE(users_->identify_session(session.value().token));
}

TEST_F(UsersTest, WrongPasswordsAreThrottledPerEmailAndTheWindowPasses) {
    make("ops@depot.example", core::Role::Operator);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(users_->sign_in("ops@depot.example", "wrong", "10.0.0.1").error().code, "invalid_credentials");
    EXPECT_EQ(users_->sign_in("ops@depot.example", "a-long-enough-password", "10.0.0.2").error().code,
              "too_many_attempts")
        << "the e-mail is throttled whatever the address";
    EXPECT_TRUE(users_->sign_in("other@depot.example", "wrong", "10.0.0.1").error().code == "invalid_credentials")
        << "another e-mail is not";
    clock_.advance(16min);
    EXPECT_TRUE(users_->sign_in("ops@depot.example", "a-long-enough-password", "10.0.0.1"));
}

TEST_F(UsersTest, OneAddressGetsThirtyAttemptsAMinute) {
    for (int i = 0; i < 30; ++i)
        EXPECT_EQ(users_->sign_in("user" + std::to_string(i) + "@depot.example", "x", "10.0.0.9").error().code,
                  "invalid_credentials");
    EXPECT_EQ(users_->sign_in("late@depot.example", "x", "10.0.0.9").error().code, "too_many_attempts");
    clock_.advance(61s);
    EXPECT_EQ(users_->sign_in("late@depot.example", "x", "10.0.0.9").error().code, "invalid_credentials");
}

TEST_F(UsersTest, EmailsAreUniqueAcrossOrganisationsAndUsersStayInTheirs) {
    core::Organisations organisations(*database_, clock_);
    ASSERT_TRUE(organisations.create("Other", "org-b"));
    const auto user = make("ops@depot.example", core::Role::Admin);
    EXPECT_EQ(users_->create("org-b", {"Ops@Depot.Example", "Twin", "a-long-enough-password", core::Role::Viewer})
                  .error()
                  .code,
              "email_taken");
    EXPECT_EQ(
        users_->create("org-c", {"new@depot.example", "N", "a-long-enough-password", core::Role::Viewer}).error().code,
        "organisation_not_found");
    EXPECT_FALSE(users_->find("org-b", user.id));
    EXPECT_TRUE(users_->list("org-b").empty());
    EXPECT_EQ(users_->update("org-b", user.id, {std::nullopt, core::Role::Viewer, std::nullopt}).error().code,
              "user_not_found");
    EXPECT_EQ(users_->remove("org-b", user.id).error().code, "user_not_found");
}

TEST_F(UsersTest, TheLastAdminCannotBeDemotedOrRemoved) {
    const auto admin = make("admin@depot.example", core::Role::Admin);
    EXPECT_EQ(users_->update("default", admin.id, {std::nullopt, core::Role::Operator, std::nullopt}).error().code,
              "last_admin");
    EXPECT_EQ(users_->remove("default", admin.id).error().code, "last_admin");
    const auto second = make("second@depot.example", core::Role::Admin);
    EXPECT_TRUE(users_->update("default", admin.id, {std::nullopt, core::Role::Operator, std::nullopt}));
    EXPECT_EQ(users_->remove("default", second.id).error().code, "last_admin");
}

TEST_F(UsersTest, InputIsValidatedWithTheFieldNamed) {
    EXPECT_EQ(users_->create("default", {"nobody", "N", "a-long-enough-password", core::Role::Viewer}).error().field,
              "email");
    EXPECT_EQ(
        users_->create("default", {"a@b.example", "", "a-long-enough-password", core::Role::Viewer}).error().field,
        "name");
    EXPECT_EQ(users_->create("default", {"a@b.example", "N", "short", core::Role::Viewer}).error().code,
              "weak_password");
}

TEST_F(UsersTest, ApiKeysActForTheirOrganisationWithTheirRole) {
    core::ApiKeys keys(*database_, clock_);
    core::Organisations organisations(*database_, clock_);
    ASSERT_TRUE(organisations.create("Other", "org-b"));
    const auto key = keys.create("org-b", "wallboard", core::Role::Viewer);
    ASSERT_TRUE(key);
    const auto principal = keys.identify(key.value().key);
    ASSERT_TRUE(principal);
    EXPECT_EQ(principal->organisation_id, "org-b");
    EXPECT_EQ(principal->role, core::Role::Viewer);
    EXPECT_EQ(keys.list("default").size(), 0u);
    EXPECT_FALSE(keys.revoke("default", key.value().info.id)) << "another organisation's key";
    EXPECT_TRUE(keys.revoke("org-b", key.value().info.id));
    EXPECT_FALSE(keys.identify(key.value().key));
}

} // namespace
