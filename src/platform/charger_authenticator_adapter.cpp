#include "charger_authenticator_adapter.hpp"

#include "manage/common/blocking.hpp"
#include "manage/core/charger_credentials.hpp"

namespace manage::platform {

asio::awaitable<connect::UpgradeVerdict>
CredentialsAuthenticator::authenticate(const connect::UpgradeCredentials &credentials) {
    core::ConnectionAttempt attempt;
    attempt.charger_id = credentials.charge_point_id;
    if (credentials.basic) {
        attempt.username = credentials.basic->username;
        attempt.password = credentials.basic->password;
    }
    attempt.tls = credentials.tls;
    attempt.certificate_cn = credentials.client_certificate_cn;
    // "address:port": failures count per address, not per connection.
    attempt.remote_address = credentials.remote_address.substr(0, credentials.remote_address.rfind(':'));
    auto work = [this, attempt = std::move(attempt)] { return credentials_.check(attempt); };
    const auto decision = co_await run_blocking(workers_, std::move(work));
    switch (decision.verdict) {
    case core::ConnectionVerdict::Allowed:
        co_return connect::UpgradeVerdict::allow();
    case core::ConnectionVerdict::Unauthorized:
        co_return connect::UpgradeVerdict::refuse(401, decision.reason, decision.detail);
    case core::ConnectionVerdict::Throttled:
        co_return connect::UpgradeVerdict::throttle(static_cast<unsigned>(decision.retry_after.count()),
                                                    decision.reason, decision.detail);
    case core::ConnectionVerdict::Forbidden:
        break;
    }
    co_return connect::UpgradeVerdict::refuse(403, decision.reason, decision.detail);
}

} // namespace manage::platform
