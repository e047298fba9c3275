// The HTTP upgrade: path /ocpp/{chargePointId}, a valid id, and subprotocol ocpp1.6 or ocpp2.0.1
// (OCPP-J 1.6 §3; OCPP 2.0.1 Part 4 §3).
#include "server_fixture.hpp"

namespace manage::connect {
namespace {

class HandshakeTest : public ServerTest {
protected:
    void SetUp() override { start(); }

    testing::Handshake try_target(const std::string &target, std::vector<std::string> subprotocols = {"ocpp1.6"}) {
        OcppTestClient client;
        return client.connect_target(port(), target, std::move(subprotocols));
    }
};

TEST_F(HandshakeTest, AcceptsOcpp16) {
    OcppTestClient client;
    const auto handshake = client.connect(port(), "CP-1", {"ocpp1.6"});
    ASSERT_TRUE(handshake.upgraded) << handshake.error;
    EXPECT_EQ(handshake.http_status, 101u);
    EXPECT_EQ(handshake.subprotocol, "ocpp1.6");
    const auto connection = dispatcher_.wait_connected();
    ASSERT_TRUE(connection);
    EXPECT_EQ(connection->charge_point_id, "CP-1");
    EXPECT_EQ(connection->version, ocpp::Version::v16);
    EXPECT_NE(connection->remote_address.find("127.0.0.1"), std::string::npos);
    EXPECT_TRUE(server().is_connected("CP-1"));
    EXPECT_EQ(server().connected_chargers(), std::vector<std::string>{"CP-1"});
}

TEST_F(HandshakeTest, AcceptsOcpp201) {
    OcppTestClient client;
    const auto handshake = client.connect(port(), "CP-2", {"ocpp2.0.1"});
    ASSERT_TRUE(handshake.upgraded) << handshake.error;
    EXPECT_EQ(handshake.subprotocol, "ocpp2.0.1");
    const auto connection = dispatcher_.wait_connected();
    ASSERT_TRUE(connection);
    EXPECT_EQ(connection->version, ocpp::Version::v201);
}

TEST_F(HandshakeTest, PrefersTheNewestVersionOffered) {
    OcppTestClient client;
    const auto handshake = client.connect(port(), "CP-3", {"ocpp1.6", "ocpp2.0.1"});
    ASSERT_TRUE(handshake.upgraded) << handshake.error;
    EXPECT_EQ(handshake.subprotocol, "ocpp2.0.1");
    EXPECT_EQ(client.version(), ocpp::Version::v201);
}

TEST_F(HandshakeTest, RefusesAClientOfferingNoOcppVersion) {
    OcppTestClient unknown;
    const auto refused = unknown.connect(port(), "CP-4", {"ocpp1.5", "ocpp2.1"});
    EXPECT_FALSE(refused.upgraded);
    EXPECT_EQ(refused.http_status, 400u);

    OcppTestClient none;
    const auto refused_too = none.connect(port(), "CP-4", {});
    EXPECT_FALSE(refused_too.upgraded);
    EXPECT_EQ(refused_too.http_status, 400u);
    EXPECT_FALSE(server().is_connected("CP-4"));
}

TEST_F(HandshakeTest, NotFoundOutsideTheOcppPath) {
    EXPECT_EQ(try_target("/").http_status, 404u);
    EXPECT_EQ(try_target("/chargers/CP-1").http_status, 404u);
    EXPECT_EQ(try_target("/ocpp/CP-1/extra").http_status, 404u);
    EXPECT_EQ(server().connection_count(), 0u);
}

TEST_F(HandshakeTest, BadRequestForABadChargePointId) {
    EXPECT_EQ(try_target("/ocpp/").http_status, 400u);
    EXPECT_EQ(try_target("/ocpp/a%2Fb").http_status, 400u);
    EXPECT_EQ(try_target("/ocpp/a%01b").http_status, 400u);
    EXPECT_EQ(try_target("/ocpp/a%zz").http_status, 400u);
    EXPECT_EQ(try_target("/ocpp/" + std::string(49, 'x')).http_status, 400u);
    EXPECT_EQ(server().connection_count(), 0u);
}

TEST_F(HandshakeTest, DecodesThePercentEncodedId) {
    OcppTestClient client;
    ASSERT_TRUE(client.connect(port(), "Depot 7#CP:1", {"ocpp1.6"}).upgraded);
    const auto connection = dispatcher_.wait_connected();
    ASSERT_TRUE(connection);
    EXPECT_EQ(connection->charge_point_id, "Depot 7#CP:1");
    EXPECT_TRUE(server().is_connected("Depot 7#CP:1"));
}

} // namespace
} // namespace manage::connect
