#include "manage/common/ids.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace manage {
namespace {

template <std::size_t N> std::array<std::uint8_t, N> random_bytes() {
    std::array<std::uint8_t, N> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(N)) != 1)
        throw std::runtime_error("the system random generator failed");
    return bytes;
}

constexpr char kHex[] = "0123456789abcdef";

} // namespace

std::string new_uuid() {
    auto b = random_bytes<16>();
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(kHex[b[i] >> 4]);
        out.push_back(kHex[b[i] & 0x0F]);
    }
    return out;
}

std::string new_short_id() {
    auto b = random_bytes<8>();
    std::string out;
    out.reserve(16);
    for (auto byte : b) {
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0x0F]);
    }
    return out;
}

} // namespace manage

namespace manage {

std::string new_secret_hex() {
    const auto b = random_bytes<32>();
    std::string out;
    out.reserve(64);
    for (const auto byte : b) {
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0x0F]);
    }
    return out;
}

} // namespace manage
