#include "manage/core/api_keys.hpp"

#include "manage/common/ids.hpp"

#include <openssl/evp.h>
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

constexpr std::size_t kPrefixLength = 10; // "mng_" and six hex digits

} // namespace

std::string sha256_hex(const std::string &text) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return hex(digest.data(), length);
}

Result<CreatedApiKey> ApiKeys::create(const std::string &organisation_id, const std::string &name, Role role) {
    if (name.empty() || name.size() > 200)
        return fail("invalid_name", "an API key's name is 1 to 200 characters", "name");
    CreatedApiKey created;
    created.key = "mng_" + new_secret_hex();
    created.info =
        ApiKeyInfo{new_uuid(), organisation_id, name, created.key.substr(0, kPrefixLength), role, clock_.now()};
    const auto digest = sha256_hex(created.key);
    const auto role_text = std::string(to_string(role));
    const long long created_at =
        std::chrono::duration_cast<std::chrono::milliseconds>(created.info.created_at.time_since_epoch()).count();
    database_.with_session([&](soci::session &sql) {
        sql << "INSERT INTO api_keys (id, name, key_hash, created_at, organisation_id, role, prefix) "
               "VALUES (:id, :name, :hash, :at, :org, :role, :prefix)",
            soci::use(created.info.id), soci::use(name), soci::use(digest), soci::use(created_at),
            soci::use(organisation_id), soci::use(role_text), soci::use(created.info.prefix);
    });
    return created;
}

std::string ApiKeys::create(const std::string &name) {
    auto created = create(std::string(kDefaultOrganisation), name, Role::Admin);
    if (!created)
        throw std::invalid_argument(created.error().message);
    return created.value().key;
}

std::vector<ApiKeyInfo> ApiKeys::list(const std::string &organisation_id) {
    std::vector<ApiKeyInfo> keys;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT id, name, prefix, role, created_at FROM api_keys WHERE organisation_id = :org "
                            "ORDER BY created_at, id",
             soci::use(organisation_id));
        for (const auto &row : rows)
            keys.push_back(ApiKeyInfo{row.get<std::string>(0), organisation_id, row.get<std::string>(1),
                                      row.get<std::string>(2),
                                      parse_role(row.get<std::string>(3)).value_or(Role::Viewer),
                                      TimePoint(std::chrono::milliseconds(row.get<long long>(4)))});
    });
    return keys;
}

bool ApiKeys::revoke(const std::string &organisation_id, const std::string &id) {
    bool removed = false;
    database_.with_session([&](soci::session &sql) {
        soci::statement statement = (sql.prepare << "DELETE FROM api_keys WHERE organisation_id = :org AND id = :id",
                                     soci::use(organisation_id), soci::use(id));
        statement.execute(true);
        removed = statement.get_affected_rows() > 0;
    });
    return removed;
}

std::optional<Principal> ApiKeys::identify(const std::string &key) {
    if (key.size() < 8 || key.size() > 200)
        return std::nullopt;
    const auto digest = sha256_hex(key);
    std::optional<Principal> principal;
    database_.with_session([&](soci::session &sql) {
        std::string id, name, organisation_id, role;
        sql << "SELECT id, name, organisation_id, role FROM api_keys WHERE key_hash = :hash", soci::use(digest),
            soci::into(id), soci::into(name), soci::into(organisation_id), soci::into(role);
        if (sql.got_data())
            principal = Principal{organisation_id,        id, name, parse_role(role).value_or(Role::Viewer),
                                  CredentialKind::ApiKey, {}};
    });
    return principal;
}

int ApiKeys::count() {
    int count = 0;
    database_.with_session([&](soci::session &sql) { sql << "SELECT COUNT(*) FROM api_keys", soci::into(count); });
    return count;
}

} // namespace manage::core
