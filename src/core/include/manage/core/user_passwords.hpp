#pragma once
// Users' passwords: argon2id (libargon2) in the PHC string format, so each hash carries its own
// parameters and a stronger setting applies to new hashes without breaking old ones.
#include <cstdint>
#include <string>

namespace manage::core {

struct Argon2Options {
    std::uint32_t iterations = 2;      // t
    std::uint32_t memory_kib = 19'456; // m: 19 MiB (OWASP's minimum for argon2id)
    std::uint32_t parallelism = 1;     // p
};

std::string hash_user_password(const std::string &password, const Argon2Options &options);
// False for a wrong password and for a stored value that is not an argon2id hash.
bool verify_user_password(const std::string &stored, const std::string &password);

} // namespace manage::core
