// Security profiles and charger passwords (OCPP 1.6 Security Whitepaper edition 2): hashing, the
// Store, and the rules deciding whether a connection may go ahead.
#include "core_fixture.hpp"

#include "manage/core/charger_credentials.hpp"

#include <set>

namespace manage::core {
namespace {

constexpr auto kPassword = "correct-horse-battery";
constexpr int kFastIterations = 1000; // the count is stored with each hash; tests need no more

// ---- Password hashing ----

TEST(PasswordHash, HasTheSchemeTheIterationsASaltAndTheHash) {
    const auto stored = hash_password(kPassword, kFastIterations);
    EXPECT_EQ(stored.rfind("pbkdf2-sha256$1000$", 0), 0u) << stored;
    EXPECT_EQ(stored.size(), std::string("pbkdf2-sha256$1000$").size() + 32 + 1 + 64); // 16 + 32 bytes in hex
    EXPECT_EQ(stored.find(kPassword), std::string::npos);
}

TEST(PasswordHash, EveryHashHasItsOwnSalt) {
    std::set<std::string> hashes;
    for (int i = 0; i < 5; ++i) {
        hashes.insert(hash_password(kPassword, kFastIterations));
    }
    EXPECT_EQ(hashes.size(), 5u);
}

TEST(PasswordHash, VerifiesTheRightPasswordOnly) {
    const auto stored = hash_password(kPassword, kFastIterations);
    EXPECT_TRUE(verify_password(kPassword, stored));
    EXPECT_FALSE(verify_password("correct-horse-batterY", stored));
    EXPECT_FALSE(verify_password("", stored));
    EXPECT_FALSE(verify_password(std::string(kPassword) + "x", stored));
}

TEST(PasswordHash, KnownVectorOfPbkdf2HmacSha256) {
    // RFC 7914 §11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64; the first 32 bytes.
    const std::string stored =
        "pbkdf2-sha256$1$73616c74$55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc";
    EXPECT_TRUE(verify_password("passwd", stored));
    EXPECT_FALSE(verify_password("passwe", stored));
}

TEST(PasswordHash, RefusesStoredValuesThatAreNotOurs) {
    const auto stored = hash_password(kPassword, kFastIterations);
    EXPECT_FALSE(verify_password(kPassword, ""));
    EXPECT_FALSE(verify_password(kPassword, kPassword));
    EXPECT_FALSE(verify_password(kPassword, "bcrypt" + stored.substr(stored.find('$'))));
    EXPECT_FALSE(verify_password(kPassword, "pbkdf2-sha256$0$00$00"));
    EXPECT_FALSE(verify_password(kPassword, "pbkdf2-sha256$99999999999$00$00"));
    EXPECT_FALSE(verify_password(kPassword, stored.substr(0, stored.size() - 2))); // a short hash
    EXPECT_FALSE(verify_password(kPassword, stored + "$"));
    EXPECT_FALSE(verify_password(kPassword, "pbkdf2-sha256$1000$zz$" + std::string(64, '0')));
}

TEST(ConstantTimeEqual, ComparesSizesAndBytes) {
    EXPECT_TRUE(constant_time_equal("", ""));
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "ab"));
    EXPECT_FALSE(constant_time_equal(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST(ChargerPassword, SixteenToFortyPrintableCharacters) {
    EXPECT_FALSE(charger_password_problem(std::string(16, 'a')));
    EXPECT_FALSE(charger_password_problem(std::string(40, 'a')));
    EXPECT_FALSE(charger_password_problem("with spaces and *-_=:+|@. too"));
    EXPECT_TRUE(charger_password_problem(std::string(15, 'a')));
    EXPECT_TRUE(charger_password_problem(std::string(41, 'a')));
    EXPECT_TRUE(charger_password_problem("sixteen-chars-\n-"));
    EXPECT_TRUE(charger_password_problem("sixteen-chars-\xC3\xA9"));
}

// ---- The service over the Store ----

class ChargerCredentialsTest : public manage::testing::CoreFixture {
protected:
    void SetUp() override {
        CoreFixture::SetUp();
        for (const auto *id : {"CP-0", "CP-1", "CP-2", "CP-3"}) {
            repository_->save_registration(id, Registration::Accepted, clock_.now());
        }
        credentials_ =
            std::make_unique<ChargerCredentials>(*database_, clock_, ChargerCredentialsOptions{kFastIterations});
        ASSERT_TRUE(credentials_->set("CP-1", 1, std::string(kPassword)));
        ASSERT_TRUE(credentials_->set("CP-2", 2, std::string(kPassword)));
        ASSERT_TRUE(credentials_->set("CP-3", 3, std::nullopt));
    }
    void TearDown() override {
        credentials_.reset();
        CoreFixture::TearDown();
    }

    static ConnectionAttempt plain(std::string id) {
        ConnectionAttempt attempt;
        attempt.charger_id = std::move(id);
        return attempt;
    }
    static ConnectionAttempt basic(std::string id, std::string user, std::string password, bool tls) {
        auto attempt = plain(std::move(id));
        attempt.username = std::move(user);
        attempt.password = std::move(password);
        attempt.tls = tls;
        return attempt;
    }
    static ConnectionAttempt certificate(std::string id, std::optional<std::string> cn) {
        auto attempt = plain(std::move(id));
        attempt.tls = true;
        attempt.certificate_cn = std::move(cn);
        return attempt;
    }

    ConnectionVerdict verdict(const ConnectionAttempt &attempt) { return credentials_->check(attempt).verdict; }

    std::unique_ptr<ChargerCredentials> credentials_;
};

TEST_F(ChargerCredentialsTest, ChargersNeverSetAreProfile0WithoutPassword) {
    const auto security = credentials_->get("CP-0");
    EXPECT_EQ(security.profile, 0);
    EXPECT_FALSE(security.has_password);
    EXPECT_FALSE(security.updated_at);
}

TEST_F(ChargerCredentialsTest, SetKeepsOnlyAHash) {
    const auto security = credentials_->get("CP-1");
    EXPECT_EQ(security.profile, 1);
    EXPECT_TRUE(security.has_password);
    EXPECT_EQ(security.updated_at, clock_.now());
    std::string stored;
    database_->with_session([&](soci::session &sql) {
        sql << "SELECT password_hash FROM charger_credentials WHERE charger_id = 'CP-1'", soci::into(stored);
    });
    EXPECT_EQ(stored.find(kPassword), std::string::npos);
    EXPECT_TRUE(verify_password(kPassword, stored));
}

TEST_F(ChargerCredentialsTest, SetReplacesProfileAndPassword) {
    clock_.advance(std::chrono::minutes(5));
    const auto changed = credentials_->set("CP-1", 2, std::string("another-password-16"));
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed.value().profile, 2);
    EXPECT_EQ(credentials_->get("CP-1").updated_at, clock_.now());
    EXPECT_EQ(verdict(basic("CP-1", "CP-1", kPassword, true)), ConnectionVerdict::Unauthorized);
    EXPECT_EQ(verdict(basic("CP-1", "CP-1", "another-password-16", true)), ConnectionVerdict::Allowed);
    // Back to profile 0 without a password: the old one is gone.
    ASSERT_TRUE(credentials_->set("CP-1", 0, std::nullopt));
    EXPECT_FALSE(credentials_->get("CP-1").has_password);
}

TEST_F(ChargerCredentialsTest, SetRefusesBadInput) {
    const auto expect_error = [](const Result<ChargerSecurity> &result, const std::string &code,
                                 const std::string &field) {
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, code);
        EXPECT_EQ(result.error().field, field);
    };
    expect_error(credentials_->set("CP-0", 4, std::nullopt), "invalid_security_profile", "securityProfile");
    expect_error(credentials_->set("CP-0", -1, std::nullopt), "invalid_security_profile", "securityProfile");
    expect_error(credentials_->set("CP-0", 1, std::nullopt), "missing_field", "password");
    expect_error(credentials_->set("CP-0", 2, std::nullopt), "missing_field", "password");
    expect_error(credentials_->set("CP-0", 1, std::string("too-short")), "invalid_password", "password");
    expect_error(credentials_->set("CP-404", 1, std::string(kPassword)), "charger_not_found", "id");
    EXPECT_EQ(credentials_->get("CP-0").profile, 0);
}

TEST_F(ChargerCredentialsTest, Profile0AndUnknownChargersNeedNothing) {
    EXPECT_EQ(verdict(plain("CP-0")), ConnectionVerdict::Allowed);
    EXPECT_EQ(verdict(certificate("CP-0", std::nullopt)), ConnectionVerdict::Allowed);
    EXPECT_EQ(verdict(plain("CP-unknown")), ConnectionVerdict::Allowed); // the boot policy decides
}

TEST_F(ChargerCredentialsTest, Profile1NeedsBasicWithItsIdAndPasswordOverPlainWs) {
    EXPECT_EQ(verdict(basic("CP-1", "CP-1", kPassword, false)), ConnectionVerdict::Allowed);
    EXPECT_EQ(verdict(basic("CP-1", "CP-1", "wrong-password-wrong", false)), ConnectionVerdict::Unauthorized);
    EXPECT_EQ(verdict(basic("CP-1", "CP-2", kPassword, false)), ConnectionVerdict::Unauthorized);
    EXPECT_EQ(verdict(plain("CP-1")), ConnectionVerdict::Unauthorized);
    EXPECT_EQ(verdict(basic("CP-1", "CP-1", kPassword, true)), ConnectionVerdict::Forbidden);
}

// Guessing the password: after five wrong ones from one address the next waits (HTTP 429 with
// Retry-After), even the right one; another address is not held up.
TEST_F(ChargerCredentialsTest, RepeatedWrongPasswordsAreThrottled) {
    auto from = [](ConnectionAttempt attempt, std::string address) {
        attempt.remote_address = std::move(address);
        return attempt;
    };
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(verdict(from(basic("CP-1", "CP-1", "wrong-password-" + std::to_string(i) + "xx", false), "10.9.9.9")),
                  ConnectionVerdict::Unauthorized);
    const auto throttled = credentials_->check(from(basic("CP-1", "CP-1", kPassword, false), "10.9.9.9"));
    EXPECT_EQ(throttled.verdict, ConnectionVerdict::Throttled);
    EXPECT_EQ(throttled.retry_after, std::chrono::seconds(1));
    EXPECT_EQ(verdict(from(basic("CP-1", "CP-1", kPassword, false), "10.1.1.1")), ConnectionVerdict::Allowed);
    // No credentials at all (a client's first try, before the challenge) does not count.
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(verdict(from(plain("CP-1"), "10.2.2.2")), ConnectionVerdict::Unauthorized);
    EXPECT_EQ(verdict(from(basic("CP-1", "CP-1", kPassword, false), "10.2.2.2")), ConnectionVerdict::Allowed);
    clock_.advance(std::chrono::seconds(1));
    EXPECT_EQ(verdict(from(basic("CP-1", "CP-1", kPassword, false), "10.9.9.9")), ConnectionVerdict::Allowed);
}

TEST_F(ChargerCredentialsTest, Profile2NeedsTlsAndBasic) {
    EXPECT_EQ(verdict(basic("CP-2", "CP-2", kPassword, true)), ConnectionVerdict::Allowed);
    EXPECT_EQ(verdict(basic("CP-2", "CP-2", "wrong-password-wrong", true)), ConnectionVerdict::Unauthorized);
    auto no_password = certificate("CP-2", std::nullopt);
    EXPECT_EQ(verdict(no_password), ConnectionVerdict::Unauthorized);
    EXPECT_EQ(verdict(basic("CP-2", "CP-2", kPassword, false)), ConnectionVerdict::Forbidden);
}

TEST_F(ChargerCredentialsTest, Profile3NeedsTlsAndACertificateForThisCharger) {
    EXPECT_EQ(verdict(certificate("CP-3", "CP-3")), ConnectionVerdict::Allowed);
    EXPECT_EQ(verdict(certificate("CP-3", std::nullopt)), ConnectionVerdict::Forbidden);
    EXPECT_EQ(verdict(certificate("CP-3", "CP-2")), ConnectionVerdict::Forbidden);
    EXPECT_EQ(verdict(certificate("CP-3", "cp-3")), ConnectionVerdict::Forbidden);
    auto plain_with_cn = certificate("CP-3", "CP-3");
    plain_with_cn.tls = false;
    EXPECT_EQ(verdict(plain_with_cn), ConnectionVerdict::Forbidden);
    // A password is no substitute for the certificate.
    EXPECT_EQ(verdict(basic("CP-3", "CP-3", kPassword, true)), ConnectionVerdict::Forbidden);
}

TEST_F(ChargerCredentialsTest, RefusalsNeverTellTheSecret) {
    const auto decision = credentials_->check(basic("CP-1", "CP-1", "wrong-password-wrong", false));
    EXPECT_EQ(decision.verdict, ConnectionVerdict::Unauthorized);
    EXPECT_EQ(decision.profile, 1);
    EXPECT_EQ(decision.reason.find("wrong-password-wrong"), std::string::npos);
    EXPECT_EQ(decision.detail.find("wrong-password-wrong"), std::string::npos);
    EXPECT_EQ(decision.detail, "wrong password");
}

TEST_F(ChargerCredentialsTest, HashesKeepTheirOwnIterationCount) {
    // A service with another count still verifies hashes made with the old one.
    ChargerCredentials stronger(*database_, clock_, ChargerCredentialsOptions{kFastIterations * 2});
    EXPECT_EQ(stronger.check(basic("CP-1", "CP-1", kPassword, false)).verdict, ConnectionVerdict::Allowed);
}

} // namespace
} // namespace manage::core
