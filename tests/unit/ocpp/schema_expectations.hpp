#pragma once
// Expectations on payload validation against one OCPP version's schemas, shared by the 1.6 and
// 2.0.1 suites.
#include "manage/ocpp/validation.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace manage::testing {

using ocpp::Direction;
using ocpp::Json;
using ocpp::RpcError;
using ocpp::Version;
using ocpp::Violation;

class SchemaExpectations {
public:
    explicit SchemaExpectations(Version version) : version_(version) {}

    std::optional<Violation> check(std::string_view action, const std::string &payload,
                                   Direction direction = Direction::Request) const {
        return ocpp::validate(version_, action, direction, Json::parse(payload));
    }

    // Asserts the violation and its JSON pointer; returns the description for further checks.
    std::string expect_violation(std::string_view action, const std::string &payload, RpcError error,
                                 const std::string &path, Direction direction = Direction::Request) const {
        const auto violation = check(action, payload, direction);
        if (!violation) {
            ADD_FAILURE() << action << " " << payload << " should violate its schema";
            return {};
        }
        EXPECT_EQ(violation->error, error) << payload << ": " << violation->description;
        EXPECT_EQ(violation->path, path) << payload << ": " << violation->description;
        EXPECT_FALSE(violation->description.empty());
        return violation->description;
    }

    void expect_valid(std::string_view action, const std::string &payload,
                      Direction direction = Direction::Request) const {
        const auto violation = check(action, payload, direction);
        EXPECT_FALSE(violation) << action << " " << payload << ": " << violation->path << " " << violation->description;
    }

private:
    Version version_;
};

} // namespace manage::testing
