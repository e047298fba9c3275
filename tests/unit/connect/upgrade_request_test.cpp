// OCPP-J 1.6 §3.1 / OCPP 2.0.1 Part 4 §3: the connection URL ends with the charge point id, and the
// client offers its OCPP versions as WebSocket subprotocols.
#include "upgrade_request.hpp"

#include <gtest/gtest.h>

namespace manage::connect {
namespace {

using ocpp::Version;

TEST(PercentDecode, DecodesEscapesAndKeepsTheRest) {
    EXPECT_EQ(percent_decode("CP-1"), "CP-1");
    EXPECT_EQ(percent_decode("CP%201%2fA"), "CP 1/A");
    EXPECT_EQ(percent_decode("a+b"), "a+b");
}

TEST(PercentDecode, RefusesMalformedEscapes) {
    EXPECT_FALSE(percent_decode("CP%2"));
    EXPECT_FALSE(percent_decode("CP%"));
    EXPECT_FALSE(percent_decode("CP%zz"));
}

TEST(ChargePointId, AcceptsOneToFortyEightPrintableCharacters) {
    EXPECT_FALSE(charge_point_id_problem("A"));
    EXPECT_FALSE(charge_point_id_problem(std::string(48, 'x')));
    EXPECT_FALSE(charge_point_id_problem("Depot 7:CP-1~(east)"));
}

TEST(ChargePointId, RefusesEmptyLongSlashAndControlCharacters) {
    EXPECT_TRUE(charge_point_id_problem(""));
    EXPECT_TRUE(charge_point_id_problem(std::string(49, 'x')));
    EXPECT_TRUE(charge_point_id_problem("a/b"));
    EXPECT_TRUE(charge_point_id_problem("a\nb"));
    EXPECT_TRUE(charge_point_id_problem(std::string("a\0b", 3)));
    EXPECT_TRUE(charge_point_id_problem("caf\xc3\xa9"));
    EXPECT_TRUE(charge_point_id_problem("del\x7f"));
}

TEST(Subprotocol, PrefersTheNewestOffered) {
    EXPECT_EQ(negotiate_subprotocol({"ocpp1.6"}), Version::v16);
    EXPECT_EQ(negotiate_subprotocol({"ocpp2.0.1"}), Version::v201);
    EXPECT_EQ(negotiate_subprotocol({"ocpp1.6, ocpp2.0.1"}), Version::v201);
    EXPECT_EQ(negotiate_subprotocol({"ocpp2.0.1,ocpp1.6"}), Version::v201);
    EXPECT_EQ(negotiate_subprotocol({"ocpp1.5", "ocpp1.6"}), Version::v16);
    EXPECT_EQ(negotiate_subprotocol({"ocpp2.0, ocpp1.6 ,ocpp2.1"}), Version::v16);
}

TEST(Subprotocol, NoneWhenNoSupportedOneIsOffered) {
    EXPECT_FALSE(negotiate_subprotocol({}));
    EXPECT_FALSE(negotiate_subprotocol({""}));
    EXPECT_FALSE(negotiate_subprotocol({"ocpp1.5, OCPP1.6, ocpp2.0"}));
}

TEST(DecideUpgrade, AcceptsAnOcppPathWithAKnownSubprotocol) {
    const auto decision = decide_upgrade("/ocpp/CP%2D1", true, {"ocpp1.6, ocpp2.0.1"});
    ASSERT_TRUE(decision.accepted()) << decision.reason;
    EXPECT_EQ(decision.charge_point_id, "CP-1");
    EXPECT_EQ(decision.version, Version::v201);
}

TEST(DecideUpgrade, NotFoundOutsideOcppPaths) {
    EXPECT_EQ(decide_upgrade("/", true, {"ocpp1.6"}).http_status, 404u);
    EXPECT_EQ(decide_upgrade("/ocpp", true, {"ocpp1.6"}).http_status, 404u);
    EXPECT_EQ(decide_upgrade("/api/ocpp/CP-1", true, {"ocpp1.6"}).http_status, 404u);
    EXPECT_EQ(decide_upgrade("/ocpp/CP-1/extra", true, {"ocpp1.6"}).http_status, 404u);
}

TEST(DecideUpgrade, BadRequestForABadId) {
    EXPECT_EQ(decide_upgrade("/ocpp/", true, {"ocpp1.6"}).http_status, 400u);
    EXPECT_EQ(decide_upgrade("/ocpp/a%2Fb", true, {"ocpp1.6"}).http_status, 400u);
    EXPECT_EQ(decide_upgrade("/ocpp/a%0Ab", true, {"ocpp1.6"}).http_status, 400u);
    EXPECT_EQ(decide_upgrade("/ocpp/a%G0", true, {"ocpp1.6"}).http_status, 400u);
    EXPECT_EQ(decide_upgrade("/ocpp/" + std::string(49, 'x'), true, {"ocpp1.6"}).http_status, 400u);
}

TEST(DecideUpgrade, BadRequestWithoutASupportedSubprotocol) {
    EXPECT_EQ(decide_upgrade("/ocpp/CP-1", true, {}).http_status, 400u);
    EXPECT_EQ(decide_upgrade("/ocpp/CP-1", true, {"ocpp1.5"}).http_status, 400u);
}

TEST(DecideUpgrade, UpgradeRequiredForPlainHttp) {
    EXPECT_EQ(decide_upgrade("/ocpp/CP-1", false, {"ocpp1.6"}).http_status, 426u);
}

TEST(DecideUpgrade, IgnoresAQueryString) {
    const auto decision = decide_upgrade("/ocpp/CP-1?token=x", true, {"ocpp1.6"});
    ASSERT_TRUE(decision.accepted());
    EXPECT_EQ(decision.charge_point_id, "CP-1");
}

// RFC 7617: Authorization: Basic base64(user-id ":" password); OCPP 1.6 security profiles 1 and 2
// use the charge point id as the user.
TEST(Base64, DecodesPaddedTextAndRefusesTheRest) {
    EXPECT_EQ(base64_decode(""), "");
    EXPECT_EQ(base64_decode("Zg=="), "f");
    EXPECT_EQ(base64_decode("Zm8="), "fo");
    EXPECT_EQ(base64_decode("Zm9v"), "foo");
    EXPECT_EQ(base64_decode("Q1AtMTpzZWNyZXQ="), "CP-1:secret");
    EXPECT_FALSE(base64_decode("Zm9"));  // not a multiple of four
    EXPECT_FALSE(base64_decode("Zm=v")); // padding in the middle
    EXPECT_FALSE(base64_decode("Z===")); // too much padding
    EXPECT_FALSE(base64_decode("Zm9v!A=="));
    EXPECT_FALSE(base64_decode("Zg==Zg=="));
}

TEST(BasicAuthorization, SplitsUserAndPassword) {
    const auto credentials = parse_basic_authorization("Basic Q1AtMTpzZWNyZXQ=", "CP-1");
    ASSERT_TRUE(credentials);
    EXPECT_EQ(credentials->username, "CP-1");
    EXPECT_EQ(credentials->password, "secret");
    // The scheme is case-insensitive; the password may hold ':' and be empty.
    EXPECT_EQ(parse_basic_authorization("basic Q1AtMTphOmI=", "CP-1")->password, "a:b"); // CP-1:a:b
    EXPECT_EQ(parse_basic_authorization("BASIC Q1AtMTo=", "CP-1")->password, "");        // CP-1:
}

TEST(BasicAuthorization, AChargePointIdWithAColonIsTheWholeUser) {
    // "Depot:7:pw" for the charger "Depot:7"
    const auto credentials = parse_basic_authorization("Basic RGVwb3Q6Nzpwdw==", "Depot:7");
    ASSERT_TRUE(credentials);
    EXPECT_EQ(credentials->username, "Depot:7");
    EXPECT_EQ(credentials->password, "pw");
    // For another id the user ends at the first colon.
    EXPECT_EQ(parse_basic_authorization("Basic RGVwb3Q6Nzpwdw==", "CP-1")->username, "Depot");
}

TEST(BasicAuthorization, RefusesOtherSchemesAndMalformedValues) {
    EXPECT_FALSE(parse_basic_authorization("Bearer Q1AtMTpzZWNyZXQ=", "CP-1"));
    EXPECT_FALSE(parse_basic_authorization("Basic", "CP-1"));
    EXPECT_FALSE(parse_basic_authorization("BasicQ1AtMTpzZWNyZXQ=", "CP-1"));
    EXPECT_FALSE(parse_basic_authorization("Basic not-base64", "CP-1"));
    EXPECT_FALSE(parse_basic_authorization("Basic Q1AtMQ==", "CP-1")); // "CP-1": no colon
}

} // namespace
} // namespace manage::connect
