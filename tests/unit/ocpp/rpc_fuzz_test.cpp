// parse_frame never throws, whatever it is given: truncations of valid frames, random bytes, and random
// mutations, with a fixed seed so that a failure reproduces.
#include "manage/ocpp/rpc.hpp"
#include "manage/ocpp/validation.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace manage::ocpp;

namespace {

const std::vector<std::string> kFrames{
    R"([2,"19223201","BootNotification",{"chargePointVendor":"VendorX","chargePointModel":"SingleSocketCharger"}])",
    R"([3,"19223201",{"status":"Accepted","currentTime":"2013-02-01T20:53:32.486Z","interval":300}])",
    R"([4,"19223201","FormationViolation","payload is not an object",{"path":""}])",
    R"([2,"m-1","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2024-01-01T00:00:00Z","sampledValue":[{"value":"10.5","measurand":"Energy.Active.Import.Register","unit":"kWh"}]}]}])",
    R"([2,"€-1","DataTransfer",{"vendorId":"x","data":"\u00e9\n"}])",
};

// Reads a frame the way a connection does: frame, then validation of whatever payload came with it.
void consume(const std::string &text) {
    for (const auto version : {Version::v16, Version::v201}) {
        auto result = parse_frame(text, version);
        if (auto *frame = std::get_if<Frame>(&result)) {
            if (auto *call = std::get_if<Call>(frame); call && is_known_action(version, call->action))
                (void)validate(version, call->action, Direction::Request, call->payload);
            (void)std::visit([](const auto &f) { return serialize(f); }, *frame);
        }
    }
}

} // namespace

TEST(ParseFrameFuzz, EveryTruncationIsHandled) {
    for (const auto &frame : kFrames)
        for (std::size_t n = 0; n <= frame.size(); ++n)
            EXPECT_NO_THROW(consume(frame.substr(0, n))) << frame.substr(0, n);
}

TEST(ParseFrameFuzz, TruncatedFramesAreProblems) {
    for (const auto &frame : kFrames) {
        for (std::size_t n = 0; n < frame.size(); ++n) {
            auto result = parse_frame(frame.substr(0, n), Version::v16);
            EXPECT_TRUE(std::holds_alternative<FrameProblem>(result)) << frame.substr(0, n);
        }
    }
}

TEST(ParseFrameFuzz, RandomMutationsAreHandled) {
    std::mt19937 random(20240601);
    const std::string alphabet = "[]{}\",:0123456789.-eE truefalsn\\u\xc3\xa9\xff";
    for (int round = 0; round < 3000; ++round) {
        std::string text = kFrames[random() % kFrames.size()];
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            const std::size_t at = random() % text.size();
            switch (random() % 3) {
            case 0:
                text[at] = alphabet[random() % alphabet.size()];
                break;
            case 1:
                text.erase(at, 1 + random() % 3);
                break;
            default:
                text.insert(at, 1, alphabet[random() % alphabet.size()]);
            }
        }
        EXPECT_NO_THROW(consume(text)) << text;
    }
}

TEST(ParseFrameFuzz, RandomBytesAreHandled) {
    std::mt19937 random(7);
    for (int round = 0; round < 2000; ++round) {
        std::string text(random() % 64, '\0');
        for (auto &c : text)
            c = static_cast<char>(random() % 256);
        if (round % 2 == 0)
            text = "[2,\"x\"," + text;
        EXPECT_NO_THROW(consume(text));
    }
}
