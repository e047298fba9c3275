#pragma once
#include "manage/common/clock.hpp"
#include "manage/infra/database.hpp"

#include <optional>
#include <string>

namespace manage::core {

// Who holds a key: what audits record as the actor of a request.
struct ApiKeyIdentity {
    std::string id;
    std::string name;
};

// Bearer keys for the API. Only a SHA-256 digest of each key is stored: a key is 256 random bits,
// so a fast digest is enough (passwords, which are guessable, get argon2id in a later issue).
class ApiKeys {
public:
    ApiKeys(infra::Database &database, const Clock &clock) : database_(database), clock_(clock) {}
    // Creates a key and returns it in clear text: the only time anyone sees it.
    std::string create(const std::string &name);
    bool verify(const std::string &key) { return identify(key).has_value(); }
    // The key's identity, or nullopt when the key is not valid.
    std::optional<ApiKeyIdentity> identify(const std::string &key);
    int count();

private:
    infra::Database &database_;
    const Clock &clock_;
};

std::string sha256_hex(const std::string &text);

} // namespace manage::core
