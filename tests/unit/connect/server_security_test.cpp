// Security profiles at the transport (OCPP 1.6 Security Whitepaper edition 2): HTTP Basic before
// the upgrade, TLS with a server certificate, mutual TLS with client certificates. Real TLS on
// 127.0.0.1 with certificates made by the test; the authenticator is a stand-in that applies the
// profile rules of core's ChargerCredentials (tested on their own in tests/unit/core) to a table.
#include "server_fixture.hpp"

#include "manage/common/blocking.hpp"
#include "manage/testing/test_certificates.hpp"

#include <map>

namespace manage::connect {
namespace {

using testing::BasicAuth;
using testing::CertificateFiles;
using testing::OcppTestClientOptions;
using testing::TestCertificates;
using testing::TlsClientOptions;

constexpr auto kPassword = "correct-horse-battery";

struct ChargerEntry {
    int profile = 0;
    std::string password;
};

// Decides like core's ChargerCredentials, from a table, on a worker pool (as the real one reads its
// Store there): the session must await it without blocking its strand.
class TableAuthenticator final : public ChargerAuthenticator {
public:
    std::map<std::string, ChargerEntry> chargers;
    bool fail = false; // throw instead of deciding

    asio::awaitable<UpgradeVerdict> authenticate(const UpgradeCredentials &credentials) override {
        {
            std::lock_guard lock(mutex_);
            seen_.push_back(credentials);
        }
        auto work = [this, credentials] { return decide(credentials); };
        co_return co_await run_blocking(pool_, std::move(work));
    }

    std::vector<UpgradeCredentials> seen() const {
        std::lock_guard lock(mutex_);
        return seen_;
    }

    ~TableAuthenticator() override { pool_.join(); }

private:
    UpgradeVerdict decide(const UpgradeCredentials &credentials) const {
        if (fail) {
            throw std::runtime_error("the store is down");
        }
        const auto it = chargers.find(credentials.charge_point_id);
        const auto entry = it == chargers.end() ? ChargerEntry{} : it->second;
        const auto basic = [&] {
            if (!credentials.basic || credentials.basic->username != credentials.charge_point_id ||
                credentials.basic->password != entry.password) {
                return UpgradeVerdict::refuse(401, "authentication required");
            }
            return UpgradeVerdict::allow();
        };
        switch (entry.profile) {
        case 1:
            return credentials.tls ? UpgradeVerdict::refuse(403, "profile 1 connects over ws://") : basic();
        case 2:
            return credentials.tls ? basic() : UpgradeVerdict::refuse(403, "profile 2 connects over TLS");
        case 3:
            if (!credentials.tls || credentials.client_certificate_cn != credentials.charge_point_id) {
                return UpgradeVerdict::refuse(403, "profile 3 needs this charger's client certificate");
            }
            return UpgradeVerdict::allow();
        default:
            return UpgradeVerdict::allow();
        }
    }

    mutable std::mutex mutex_;
    std::vector<UpgradeCredentials> seen_;
    asio::thread_pool pool_{1};
};

class SecurityTest : public ServerTest {
protected:
    void SetUp() override {
        authenticator_ = &authenticator;
        authenticator.chargers["CP-0"] = {0, ""};
        authenticator.chargers["CP-1"] = {1, kPassword};
        authenticator.chargers["CP-2"] = {2, kPassword};
        authenticator.chargers["CP-3"] = {3, ""};
        authenticator.chargers["CP-3b"] = {3, ""};
    }

    void start_with_tls(bool client_ca = true) {
        OcppServerOptions options;
        options.tls = TlsListenerOptions{{},
                                         certs.server().certificate.string(),
                                         certs.server().private_key.string(),
                                         client_ca ? certs.ca_certificate().string() : std::string{}};
        start(options);
    }

    OcppTestClientOptions plain(std::optional<BasicAuth> basic = std::nullopt) const {
        OcppTestClientOptions options;
        options.basic_auth = std::move(basic);
        return options;
    }

    OcppTestClientOptions tls(std::optional<BasicAuth> basic = std::nullopt,
                              std::optional<CertificateFiles> client = std::nullopt) const {
        auto options = plain(std::move(basic));
        TlsClientOptions tls_options;
        tls_options.ca_certificate = certs.ca_certificate();
        if (client) {
            tls_options.certificate = client->certificate;
            tls_options.private_key = client->private_key;
        }
        options.tls = tls_options;
        return options;
    }

    // Connects on the given port, for a refusal or a connection.
    testing::Handshake attempt(std::uint16_t to, const std::string &id, OcppTestClientOptions options) {
        clients_.push_back(std::make_unique<OcppTestClient>(std::move(options)));
        return clients_.back()->connect(to, id);
    }

    // A refused upgrade: no connection reached the dispatcher.
    void expect_refused(const testing::Handshake &handshake, unsigned status) {
        EXPECT_FALSE(handshake.upgraded);
        EXPECT_EQ(handshake.http_status, status) << handshake.error;
        EXPECT_EQ(server().connection_count(), 0u);
    }

    TestCertificates certs;
    TableAuthenticator authenticator;
    std::vector<std::unique_ptr<OcppTestClient>> clients_;
};

TEST_F(SecurityTest, Profile0ConnectsWithoutCredentialsOverWsAndTls) {
    start_with_tls();
    auto plain_charger = connect("CP-0");
    const auto seen = authenticator.seen();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].charge_point_id, "CP-0");
    EXPECT_FALSE(seen[0].tls);
    EXPECT_FALSE(seen[0].basic);
    EXPECT_FALSE(seen[0].client_certificate_cn);
    EXPECT_FALSE(seen[0].remote_address.empty());

    OcppTestClient tls_charger(tls());
    const auto handshake = tls_charger.connect(tls_port(), "CP-unknown");
    ASSERT_TRUE(handshake.upgraded) << handshake.error;
    EXPECT_TRUE(dispatcher_.wait_connected(2));
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(tls_charger.call("Heartbeat", ocpp::Json::object())));
    EXPECT_TRUE(authenticator.seen().back().tls);
}

TEST_F(SecurityTest, WithoutAnAuthenticatorEveryoneConnectsAsBefore) {
    authenticator_ = nullptr;
    start();
    auto charger = connect("CP-1");
    EXPECT_TRUE(authenticator.seen().empty());
}

TEST_F(SecurityTest, Profile1RightPasswordConnects) {
    start();
    auto charger = connect("CP-1", {"ocpp1.6"}, plain(BasicAuth{"CP-1", kPassword}));
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(charger->call("Heartbeat", ocpp::Json::object())));
    const auto seen = authenticator.seen().back();
    ASSERT_TRUE(seen.basic);
    EXPECT_EQ(seen.basic->username, "CP-1");
    EXPECT_EQ(seen.basic->password, kPassword);
    EXPECT_FALSE(seen.tls);
}

TEST_F(SecurityTest, Profile1WrongPasswordGets401BeforeTheUpgrade) {
    start();
    const auto handshake = attempt(port(), "CP-1", plain(BasicAuth{"CP-1", "not-the-password-at-all"}));
    expect_refused(handshake, 401);
    EXPECT_EQ(handshake.www_authenticate.rfind(R"(Basic realm="manage")", 0), 0u) << handshake.www_authenticate;
    EXPECT_TRUE(dispatcher_.calls().empty());
}

TEST_F(SecurityTest, Profile1WithoutAuthorizationHeaderGets401) {
    start();
    expect_refused(attempt(port(), "CP-1", plain()), 401);
}

TEST_F(SecurityTest, Profile1WithAnotherChargersIdAsUserGets401) {
    start();
    expect_refused(attempt(port(), "CP-1", plain(BasicAuth{"CP-2", kPassword})), 401);
}

TEST_F(SecurityTest, Profile2OverTlsWithPasswordConnects) {
    start_with_tls();
    OcppTestClient charger(tls(BasicAuth{"CP-2", kPassword}));
    const auto handshake = charger.connect(tls_port(), "CP-2");
    ASSERT_TRUE(handshake.upgraded) << handshake.error;
    EXPECT_EQ(handshake.subprotocol, "ocpp1.6");
    ASSERT_TRUE(dispatcher_.wait_connected());
    EXPECT_TRUE(
        std::holds_alternative<ocpp::CallResult>(charger.call("BootNotification", boot_request(ocpp::Version::v16))));
    // Server-initiated calls go over TLS too.
    charger.on_call([](const ocpp::Call &) { return ocpp::Json{{"status", "Accepted"}}; });
    const auto response = call("CP-2", "ChangeAvailability", ocpp::Json{{"connectorId", 0}, {"type", "Operative"}});
    EXPECT_TRUE(response.payload) << response.description;
    EXPECT_TRUE(authenticator.seen().back().tls);
    EXPECT_TRUE(charger.close(1000));
    EXPECT_TRUE(dispatcher_.wait_disconnected());
}

TEST_F(SecurityTest, Profile2WrongPasswordOverTlsGets401) {
    start_with_tls();
    expect_refused(attempt(tls_port(), "CP-2", tls(BasicAuth{"CP-2", "wrong-wrong-wrong-wrong"})), 401);
}

TEST_F(SecurityTest, Profile2OverPlainWsIsRefused) {
    start_with_tls();
    expect_refused(attempt(port(), "CP-2", plain(BasicAuth{"CP-2", kPassword})), 403);
}

TEST_F(SecurityTest, Profile3WithItsClientCertificateConnects) {
    start_with_tls();
    OcppTestClient charger(tls(std::nullopt, certs.issue_client("CP-3")));
    const auto handshake = charger.connect(tls_port(), "CP-3");
    ASSERT_TRUE(handshake.upgraded) << handshake.error;
    ASSERT_TRUE(dispatcher_.wait_connected());
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(charger.call("Heartbeat", ocpp::Json::object())));
    const auto seen = authenticator.seen().back();
    EXPECT_TRUE(seen.tls);
    EXPECT_EQ(seen.client_certificate_cn, "CP-3");
}

TEST_F(SecurityTest, Profile3WithoutClientCertificateIsRefused) {
    start_with_tls();
    expect_refused(attempt(tls_port(), "CP-3", tls()), 403);
    EXPECT_FALSE(authenticator.seen().back().client_certificate_cn);
}

TEST_F(SecurityTest, Profile3CertificateOfAnotherChargerIsRefused) {
    start_with_tls();
    expect_refused(attempt(tls_port(), "CP-3", tls(std::nullopt, certs.issue_client("CP-3b"))), 403);
    EXPECT_EQ(authenticator.seen().back().client_certificate_cn, "CP-3b");
}

TEST_F(SecurityTest, CertificateFromAnUnknownCaFailsTheTlsHandshake) {
    start_with_tls();
    const auto handshake = attempt(tls_port(), "CP-3", tls(std::nullopt, certs.issue_foreign_client("CP-3")));
    expect_refused(handshake, 0);
    // The server never got as far as the upgrade request.
    EXPECT_TRUE(authenticator.seen().empty());
}

TEST_F(SecurityTest, WithoutAClientCaNoCertificateIsAskedForAndNoneCounts) {
    start_with_tls(false);
    // The client offers a certificate only when asked: profile 3 cannot pass.
    expect_refused(attempt(tls_port(), "CP-3", tls(std::nullopt, certs.issue_client("CP-3"))), 403);
    EXPECT_FALSE(authenticator.seen().back().client_certificate_cn);
}

TEST_F(SecurityTest, ClientThatDoesNotTrustTheServerFailsTheHandshake) {
    start_with_tls();
    TestCertificates other;
    auto options = tls();
    options.tls->ca_certificate = other.ca_certificate();
    expect_refused(attempt(tls_port(), "CP-0", options), 0);
}

TEST_F(SecurityTest, PlainTcpOnTheTlsPortIsDropped) {
    start_with_tls();
    expect_refused(attempt(tls_port(), "CP-0", plain()), 0);
    EXPECT_TRUE(authenticator.seen().empty());
}

TEST_F(SecurityTest, AuthenticatorFailureGives500AndNoUpgrade) {
    authenticator.fail = true;
    start();
    expect_refused(attempt(port(), "CP-0", plain()), 500);
}

TEST_F(SecurityTest, TlsFilesThatDoNotLoadFailStartWithTheKey) {
    OcppServerOptions options;
    options.listen = ListenAddress{"127.0.0.1", 0};
    options.tls = TlsListenerOptions{ListenAddress{"127.0.0.1", 0},
                                     (certs.directory() / "missing.pem").string(),
                                     certs.server().private_key.string(),
                                     {}};
    OcppServer server(io_, options, dispatcher_, metrics_, &authenticator);
    const auto started = server.start();
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().field, "ocpp.tls_certificate");

    options.tls->certificate_chain_file = certs.server().certificate.string();
    options.tls->private_key_file = certs.issue_client("CP-9").private_key.string(); // not the server's key
    OcppServer mismatched(io_, options, dispatcher_, metrics_, &authenticator);
    const auto second = mismatched.start();
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().field, "ocpp.tls_private_key");
}

} // namespace
} // namespace manage::connect
