#include "manage/core/api_keys.hpp"

#include "manage/common/ids.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <soci/soci.h>

#include <array>
#include <stdexcept>

namespace manage::core {
namespace {

std::string hex(const unsigned char *data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(kDigits[data[i] >> 4]);
        out.push_back(kDigits[data[i] & 0x0F]);
    }
    return out;
}

} // namespace

std::string sha256_hex(const std::string &text) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return hex(digest.data(), length);
}

std::string ApiKeys::create(const std::string &name) {
    std::array<unsigned char, 32> secret{};
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1)
        throw std::runtime_error("the system random generator failed");
    const std::string key = "mng_" + hex(secret.data(), secret.size());
    const auto id = new_uuid();
    const auto digest = sha256_hex(key);
    const long long created_at =
        std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch()).count();
    database_.with_session([&](soci::session &sql) {
        sql << "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (:id, :name, :hash, :at)", soci::use(id),
            soci::use(name), soci::use(digest), soci::use(created_at);
    });
    return key;
}

std::optional<ApiKeyIdentity> ApiKeys::identify(const std::string &key) {
    if (key.size() < 8 || key.size() > 200)
        return std::nullopt;
    const auto digest = sha256_hex(key);
    std::optional<ApiKeyIdentity> identity;
    database_.with_session([&](soci::session &sql) {
        ApiKeyIdentity found;
        sql << "SELECT id, name FROM api_keys WHERE key_hash = :hash", soci::use(digest), soci::into(found.id),
            soci::into(found.name);
        if (sql.got_data())
            identity = std::move(found);
    });
    return identity;
}

int ApiKeys::count() {
    int count = 0;
    database_.with_session([&](soci::session &sql) { sql << "SELECT COUNT(*) FROM api_keys", soci::into(count); });
    return count;
}

} // namespace manage::core
