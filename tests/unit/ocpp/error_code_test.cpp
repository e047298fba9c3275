#include "manage/ocpp/error_code.hpp"
#include "manage/ocpp/version.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

using namespace manage::ocpp;

namespace {

struct Spelling {
    RpcError error;
    const char *v16;
    const char *v201;
};

// OCPP-J 1.6 §4.2.3 and OCPP 2.0.1 Part 4 §4.3, written out independently of the implementation's table.
const std::vector<Spelling> kSpellings{
    {RpcError::NotImplemented, "NotImplemented", "NotImplemented"},
    {RpcError::NotSupported, "NotSupported", "NotSupported"},
    {RpcError::InternalError, "InternalError", "InternalError"},
    {RpcError::ProtocolError, "ProtocolError", "RpcFrameworkError"},
    {RpcError::SecurityError, "SecurityError", "SecurityError"},
    {RpcError::FormationViolation, "FormationViolation", "FormatViolation"},
    {RpcError::PropertyConstraintViolation, "PropertyConstraintViolation", "PropertyConstraintViolation"},
    {RpcError::OccurrenceConstraintViolation, "OccurenceConstraintViolation", "OccurrenceConstraintViolation"},
    {RpcError::TypeConstraintViolation, "TypeConstraintViolation", "TypeConstraintViolation"},
    {RpcError::GenericError, "GenericError", "GenericError"},
};

} // namespace

TEST(ErrorCode, SpelledAsEachVersionPrescribes) {
    for (const auto &s : kSpellings) {
        EXPECT_EQ(error_code_name(s.error, Version::v16), s.v16);
        EXPECT_EQ(error_code_name(s.error, Version::v201), s.v201);
    }
}

TEST(ErrorCode, OccurenceKeepsTheTypoOf16) {
    EXPECT_EQ(error_code_name(RpcError::OccurrenceConstraintViolation, Version::v16), "OccurenceConstraintViolation");
    EXPECT_EQ(error_code_name(RpcError::OccurrenceConstraintViolation, Version::v201), "OccurrenceConstraintViolation");
}

TEST(ErrorCode, MessageTypeNotSupportedExistsOnlyIn201) {
    EXPECT_EQ(error_code_name(RpcError::MessageTypeNotSupported, Version::v201), "MessageTypeNotSupported");
    EXPECT_EQ(error_code_name(RpcError::MessageTypeNotSupported, Version::v16), "NotSupported");
    EXPECT_EQ(parse_error_code("MessageTypeNotSupported", Version::v16), std::nullopt);
    EXPECT_EQ(parse_error_code("MessageTypeNotSupported", Version::v201), RpcError::MessageTypeNotSupported);
    // 1.6 "NotSupported" reads back as NotSupported, not as the 2.0.1-only code.
    EXPECT_EQ(parse_error_code("NotSupported", Version::v16), RpcError::NotSupported);
}

TEST(ErrorCode, ParsesEachVersionsSpelling) {
    for (const auto &s : kSpellings) {
        EXPECT_EQ(parse_error_code(s.v16, Version::v16), s.error) << s.v16;
        EXPECT_EQ(parse_error_code(s.v201, Version::v201), s.error) << s.v201;
    }
}

TEST(ErrorCode, RejectsTheOtherVersionsRenamedCodes) {
    EXPECT_EQ(parse_error_code("FormatViolation", Version::v16), std::nullopt);
    EXPECT_EQ(parse_error_code("RpcFrameworkError", Version::v16), std::nullopt);
    EXPECT_EQ(parse_error_code("FormationViolation", Version::v201), std::nullopt);
    EXPECT_EQ(parse_error_code("OccurenceConstraintViolation", Version::v201), std::nullopt);
    EXPECT_EQ(parse_error_code("", Version::v16), std::nullopt);
    EXPECT_EQ(parse_error_code("notimplemented", Version::v201), std::nullopt);
}

TEST(ErrorCode, AcceptsSpellingsPeersUseInPractice) {
    // 1.6 stacks that corrected "Occurence", and 2.0.1's own ProtocolError (which RpcError folds into
    // RpcFrameworkError).
    EXPECT_EQ(parse_error_code("OccurrenceConstraintViolation", Version::v16), RpcError::OccurrenceConstraintViolation);
    EXPECT_EQ(parse_error_code("ProtocolError", Version::v201), RpcError::ProtocolError);
}

TEST(Version, SubprotocolNames) {
    EXPECT_EQ(subprotocol(Version::v16), "ocpp1.6");
    EXPECT_EQ(subprotocol(Version::v201), "ocpp2.0.1");
    EXPECT_EQ(version_from_subprotocol("ocpp1.6"), Version::v16);
    EXPECT_EQ(version_from_subprotocol("ocpp2.0.1"), Version::v201);
    EXPECT_EQ(version_from_subprotocol("ocpp2.0"), std::nullopt);
    EXPECT_EQ(version_from_subprotocol("OCPP1.6"), std::nullopt);
    EXPECT_EQ(version_from_subprotocol(""), std::nullopt);
    EXPECT_EQ(version_label(Version::v16), "1.6");
    EXPECT_EQ(version_label(Version::v201), "2.0.1");
}
