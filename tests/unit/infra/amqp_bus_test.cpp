// The AmqpBus checks that need no broker: reading its URL, and failing clearly where nothing listens.
#include "amqp_url.hpp"
#include "manage/infra/amqp_bus.hpp"

#include <gmock/gmock.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace manage::infra {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(AmqpUrl, ReadsEveryPart) {
    const auto target = detail::parse_amqp_url("amqp://manage:s%40cret@rabbit.example:5673/%2Fprod");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().user, "manage");
    EXPECT_EQ(target.value().password, "s@cret");
    EXPECT_EQ(target.value().host, "rabbit.example");
    EXPECT_EQ(target.value().port, 5673);
    EXPECT_EQ(target.value().vhost, "/prod");
    EXPECT_EQ(target.value().address(), "rabbit.example:5673");
    EXPECT_EQ(target.value().display, "amqp://manage:***@rabbit.example:5673/%2Fprod");
}

TEST(AmqpUrl, DefaultsThePortTheVhostAndTheUser) {
    for (const auto *url : {"amqp://127.0.0.1", "amqp://127.0.0.1/", "amqp://127.0.0.1/%2F"}) {
        const auto target = detail::parse_amqp_url(url);
        ASSERT_TRUE(target) << url;
        EXPECT_EQ(target.value().port, 5672) << url;
        EXPECT_EQ(target.value().vhost, "/") << url;
        EXPECT_EQ(target.value().user, "guest") << url;
        EXPECT_EQ(target.value().password, "guest") << url;
    }
}

TEST(AmqpUrl, TheLastAtEndsTheUserInformation) {
    const auto target = detail::parse_amqp_url("amqp://u:p@ss/word@[::1]:5672/v");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().password, "p@ss/word");
    EXPECT_EQ(target.value().host, "::1");
    EXPECT_EQ(target.value().vhost, "v");
}

struct BadUrl {
    std::string name;
    std::string url;
    std::string names; // what the message must say about the wrong part
};

void PrintTo(const BadUrl &bad, std::ostream *out) {
    *out << "'" << bad.url << "'";
}

class AmqpBadUrl : public ::testing::TestWithParam<BadUrl> {};

TEST_P(AmqpBadUrl, IsRefusedNamingTheWrongPart) {
    const auto bus = AmqpBus::open(GetParam().url);
    ASSERT_FALSE(bus);
    EXPECT_EQ(bus.error().code, "bad_bus_url");
    EXPECT_THAT(bus.error().message, HasSubstr(GetParam().names));
    EXPECT_THAT(bus.error().message, Not(HasSubstr("s3cret")));
}

INSTANTIATE_TEST_SUITE_P(
    Amqp, AmqpBadUrl,
    ::testing::Values(BadUrl{"Empty", "", "it is empty"}, BadUrl{"NoScheme", "127.0.0.1:5672", "no scheme"},
                      BadUrl{"Http", "http://u:s3cret@h/", "unsupported scheme 'http'"},
                      BadUrl{"Tls", "amqps://u:s3cret@h/", "unsupported scheme 'amqps'"},
                      BadUrl{"NoHost", "amqp://", "the host is missing"},
                      BadUrl{"EmptyHost", "amqp://u:s3cret@:5672/", "the host is missing"},
                      BadUrl{"PortZero", "amqp://u:s3cret@h:0/", "the port must be a number from 1 to 65535, got '0'"},
                      BadUrl{"PortTooLarge", "amqp://u:s3cret@h:99999/", "got '99999'"},
                      BadUrl{"PortNotANumber", "amqp://u:s3cret@h:x/", "got 'x'"},
                      BadUrl{"EmptyPort", "amqp://u:s3cret@h:/", "the port is empty"},
                      BadUrl{"UnclosedIpv6", "amqp://u:s3cret@[::1/", "unclosed '['"},
                      BadUrl{"VhostWithSlash", "amqp://u:s3cret@h/a/b", "the virtual host must be one path segment"},
                      BadUrl{"VhostEncoding", "amqp://u:s3cret@h/%zz", "percent-encoding in the virtual host"},
                      BadUrl{"UserEncoding", "amqp://u%zz:s3cret@h/", "percent-encoding in the user"},
                      BadUrl{"EmptyUser", "amqp://:s3cret@h/", "the user is empty"},
                      BadUrl{"PasswordEncoding", "amqp://u:s3cret%z@h/", "percent-encoding in the password"},
                      BadUrl{"Query", "amqp://u:s3cret@h/?heartbeat=5", "query parameters"}),
    [](const ::testing::TestParamInfo<BadUrl> &param) { return param.param.name; });

// A port bound on 127.0.0.1 without listening: connections to it are refused, and no other process can
// take it while the test runs.
class ClosedPort {
public:
    ClosedPort() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            throw std::runtime_error("cannot bind a loopback port");
        port_ = ntohs(address.sin_port);
    }
    ~ClosedPort() { ::close(fd_); }
    int port() const { return port_; }

private:
    int fd_;
    int port_ = 0;
};

TEST(AmqpBus, AnUnreachableBrokerIsUnavailableWithItsAddressAndWithoutThePassword) {
    ClosedPort closed;
    AmqpBusOptions options;
    options.connect_timeout = 2s;
    const auto address = "127.0.0.1:" + std::to_string(closed.port());
    const auto bus = AmqpBus::open("amqp://manage:s3cret@" + address + "/", options);
    ASSERT_FALSE(bus);
    EXPECT_EQ(bus.error().code, "bus_unavailable");
    EXPECT_THAT(bus.error().message, HasSubstr(address));
    EXPECT_THAT(bus.error().message, HasSubstr("refused"));
    EXPECT_THAT(bus.error().message, Not(HasSubstr("s3cret")));
}

} // namespace
} // namespace manage::infra
