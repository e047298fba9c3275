#pragma once
// connect's ChargerAuthenticator over core's ChargerCredentials: the Store read and the password
// check run on the worker pool; the verdict comes back on the connection's strand.
#include "manage/common/asio.hpp"
#include "manage/connect/charger_authenticator.hpp"

namespace manage::core {
class ChargerCredentials;
}

namespace manage::platform {

class CredentialsAuthenticator final : public connect::ChargerAuthenticator {
public:
    CredentialsAuthenticator(core::ChargerCredentials &credentials, asio::thread_pool &workers)
        : credentials_(credentials), workers_(workers) {}

    asio::awaitable<connect::UpgradeVerdict> authenticate(const connect::UpgradeCredentials &credentials) override;

private:
    core::ChargerCredentials &credentials_;
    asio::thread_pool &workers_;
};

} // namespace manage::platform
