#pragma once
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/identity.hpp"
#include "manage/infra/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

struct ApiKeyInfo {
    std::string id;
    std::string organisation_id;
    std::string name;
    std::string prefix; // the key's first characters, so people can tell their keys apart
    Role role = Role::Admin;
    TimePoint created_at{};
};

struct CreatedApiKey {
    ApiKeyInfo info;
    std::string key; // in clear text: shown this once, never stored
};

// Bearer keys for the API, each acting for one organisation with one role. Only a SHA-256 digest of
// each key is stored: a key is 256 random bits, so a fast digest is enough (people's passwords, which
// are guessable, get argon2id: see users.hpp).
class ApiKeys {
public:
    ApiKeys(infra::Database &database, const Clock &clock) : database_(database), clock_(clock) {}
    // invalid_name (422) for a name that is empty or longer than 200 characters.
    Result<CreatedApiKey> create(const std::string &organisation_id, const std::string &name, Role role);
    // An admin key of the default organisation (the first start's key, tests).
    std::string create(const std::string &name);
    std::vector<ApiKeyInfo> list(const std::string &organisation_id);
    // False when the organisation has no such key.
    bool revoke(const std::string &organisation_id, const std::string &id);
    bool verify(const std::string &key) { return identify(key).has_value(); }
    // Who the key acts as, or nullopt when the key is not valid.
    std::optional<Principal> identify(const std::string &key);
    int count();

private:
    infra::Database &database_;
    const Clock &clock_;
};

std::string sha256_hex(const std::string &text);

} // namespace manage::core
