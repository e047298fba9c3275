// Charger passwords: salted PBKDF2-HMAC-SHA256 through OpenSSL, compared in constant time.
#include "manage/core/charger_credentials.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace manage::core {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr int kMaxIterations = 10'000'000; // a stored count above this is not ours: refuse, do not spin

std::string to_hex(const unsigned char *data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(kDigits[data[i] >> 4]);
        out.push_back(kDigits[data[i] & 0x0F]);
    }
    return out;
}

std::optional<std::vector<unsigned char>> from_hex(std::string_view text) {
    if (text.size() % 2 != 0) {
        return std::nullopt;
    }
    std::vector<unsigned char> out(text.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        unsigned value = 0;
        const auto *first = text.data() + 2 * i;
        const auto [end, ec] = std::from_chars(first, first + 2, value, 16);
        if (ec != std::errc{} || end != first + 2) {
            return std::nullopt;
        }
        out[i] = static_cast<unsigned char>(value);
    }
    return out;
}

std::array<unsigned char, kHashBytes> derive(std::string_view password, const unsigned char *salt,
                                             std::size_t salt_size, int iterations) {
    std::array<unsigned char, kHashBytes> hash{};
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt, static_cast<int>(salt_size),
                          iterations, EVP_sha256(), static_cast<int>(hash.size()), hash.data()) != 1) {
        throw std::runtime_error("PBKDF2 failed");
    }
    return hash;
}

// Splits "a$b$c$d" into its four parts.
std::optional<std::array<std::string_view, 4>> split_hash(std::string_view stored) {
    std::array<std::string_view, 4> parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto dollar = stored.find('$');
        if ((dollar == std::string_view::npos) != (i == parts.size() - 1)) {
            return std::nullopt;
        }
        parts[i] = stored.substr(0, dollar);
        stored = dollar == std::string_view::npos ? std::string_view{} : stored.substr(dollar + 1);
    }
    return parts;
}

} // namespace

std::optional<std::string> charger_password_problem(std::string_view password) {
    if (password.size() < kMinChargerPasswordLength || password.size() > kMaxChargerPasswordLength) {
        return "the password must be 16 to 40 characters long";
    }
    for (const char c : password) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte > 0x7E) {
            return "the password may only hold printable ASCII characters";
        }
    }
    return std::nullopt;
}

std::string hash_password(std::string_view password, int iterations) {
    if (iterations < 1 || iterations > kMaxIterations) {
        throw std::invalid_argument("PBKDF2 iterations out of range");
    }
    std::array<unsigned char, kSaltBytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
        throw std::runtime_error("the system random generator failed");
    }
    const auto hash = derive(password, salt.data(), salt.size(), iterations);
    return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + to_hex(salt.data(), salt.size()) + "$" +
           to_hex(hash.data(), hash.size());
}

bool verify_password(std::string_view password, std::string_view stored) {
    const auto parts = split_hash(stored);
    if (!parts || (*parts)[0] != kScheme) {
        return false;
    }
    int iterations = 0;
    const auto count = (*parts)[1];
    const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), iterations);
    if (ec != std::errc{} || end != count.data() + count.size() || iterations < 1 || iterations > kMaxIterations) {
        return false;
    }
    const auto salt = from_hex((*parts)[2]);
    const auto expected = from_hex((*parts)[3]);
    if (!salt || salt->empty() || !expected || expected->size() != kHashBytes) {
        return false;
    }
    const auto actual = derive(password, salt->data(), salt->size(), iterations);
    return constant_time_equal(std::string_view(reinterpret_cast<const char *>(actual.data()), actual.size()),
                               std::string_view(reinterpret_cast<const char *>(expected->data()), expected->size()));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace manage::core
