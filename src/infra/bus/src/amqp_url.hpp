#pragma once
#include "manage/common/result.hpp"

#include <string>

namespace manage::infra::detail {

// Where an AmqpBus connects, read from amqp://user:password@host[:port]/[vhost].
struct AmqpTarget {
    std::string host;
    int port = 5672;
    std::string user = "guest";
    std::string password = "guest";
    std::string vhost = "/";
    std::string display; // the URL with its password shown as ***, for logs and errors

    std::string address() const { return host + ":" + std::to_string(port); }
};

// amqp://[user[:password]@]host[:port][/vhost]. User, password and vhost may be percent-encoded (the
// vhost "/" is the default, also written %2F); user and password default to guest (as in the AMQP URI
// specification). Failures are bad_bus_url errors naming the wrong part.
Result<AmqpTarget> parse_amqp_url(const std::string &url);

// `url` with the password of its user information replaced by ***.
std::string mask_amqp_password(const std::string &url);

} // namespace manage::infra::detail
