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

} // namespace
} // namespace manage::connect
