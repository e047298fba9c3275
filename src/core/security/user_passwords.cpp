#include "manage/core/user_passwords.hpp"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace manage::core {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

} // namespace

std::string hash_user_password(const std::string &password, const Argon2Options &options) {
    std::array<unsigned char, kSaltBytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        throw std::runtime_error("the system random generator failed");
    const auto length = argon2_encodedlen(options.iterations, options.memory_kib, options.parallelism, kSaltBytes,
                                          kHashBytes, Argon2_id);
    std::vector<char> encoded(length);
    const int status =
        argon2id_hash_encoded(options.iterations, options.memory_kib, options.parallelism, password.data(),
                              password.size(), salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (status != ARGON2_OK)
        throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(status));
    return std::string(encoded.data());
}

bool verify_user_password(const std::string &stored, const std::string &password) {
    if (stored.rfind("$argon2id$", 0) != 0)
        return false;
    return argon2id_verify(stored.c_str(), password.data(), password.size()) == ARGON2_OK;
}

} // namespace manage::core
