#include "manage/core/migrations.hpp"

namespace manage::core {

// Times are milliseconds since the Unix epoch (BIGINT): one representation on both engines.
// Ids are text (UUIDs where we make them) so that no engine-specific sequence is needed.
const std::vector<infra::Migration> &migrations() {
    static const std::vector<infra::Migration> all{
        {1, "chargers and connectors", R"sql(
CREATE TABLE chargers (
    id                TEXT PRIMARY KEY,
    registration      TEXT NOT NULL,
    ocpp_version      TEXT NOT NULL DEFAULT '',
    vendor            TEXT NOT NULL DEFAULT '',
    model             TEXT NOT NULL DEFAULT '',
    serial_number     TEXT NOT NULL DEFAULT '',
    firmware_version  TEXT NOT NULL DEFAULT '',
    boot_reason       TEXT NOT NULL DEFAULT '',
    last_boot_at      BIGINT,
    status            TEXT NOT NULL DEFAULT '',
    created_at        BIGINT NOT NULL
);
CREATE TABLE connectors (
    charger_id         TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    evse_id            INTEGER NOT NULL,
    connector_id       INTEGER NOT NULL,
    status             TEXT NOT NULL,
    error_code         TEXT NOT NULL DEFAULT '',
    info               TEXT NOT NULL DEFAULT '',
    vendor_error_code  TEXT NOT NULL DEFAULT '',
    status_changed_at  BIGINT NOT NULL,
    PRIMARY KEY (charger_id, evse_id, connector_id)
);
CREATE TABLE status_history (
    id                 TEXT PRIMARY KEY,
    charger_id         TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    evse_id            INTEGER NOT NULL,
    connector_id       INTEGER NOT NULL,
    status             TEXT NOT NULL,
    error_code         TEXT NOT NULL DEFAULT '',
    info               TEXT NOT NULL DEFAULT '',
    vendor_error_code  TEXT NOT NULL DEFAULT '',
    reported_at        BIGINT NOT NULL,
    received_at        BIGINT NOT NULL
);
CREATE INDEX status_history_by_charger ON status_history (charger_id, received_at)
)sql"},
        {2, "api keys", R"sql(
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
)
)sql"},
    };
    return all;
}

} // namespace manage::core
