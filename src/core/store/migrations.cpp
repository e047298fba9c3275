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
        {3, "charging: id tags, local lists, sessions, meter values, charger reports", R"sql(
CREATE TABLE id_tags (
    id_tag               TEXT PRIMARY KEY,
    status               TEXT NOT NULL,
    expiry               BIGINT,
    parent_id_tag        TEXT NOT NULL DEFAULT '',
    allow_concurrent_tx  INTEGER NOT NULL DEFAULT 0,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE TABLE local_lists (
    charger_id          TEXT PRIMARY KEY REFERENCES chargers(id) ON DELETE CASCADE,
    version             INTEGER NOT NULL DEFAULT 0,
    desired_updated_at  BIGINT,
    last_sync_at        BIGINT,
    last_sync_status    TEXT NOT NULL DEFAULT '',
    last_update_type    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE local_list_entries (
    charger_id     TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    list_kind      TEXT NOT NULL,
    id_tag         TEXT NOT NULL,
    status         TEXT NOT NULL,
    expiry         BIGINT,
    parent_id_tag  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (charger_id, list_kind, id_tag)
);
CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('transaction_id', 0);
CREATE TABLE charging_sessions (
    transaction_id  BIGINT PRIMARY KEY,
    charger_id      TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    connector_id    INTEGER NOT NULL,
    id_tag          TEXT NOT NULL,
    start_status    TEXT NOT NULL,
    reservation_id  INTEGER,
    meter_start_wh  BIGINT NOT NULL,
    started_at      BIGINT NOT NULL,
    meter_stop_wh   BIGINT,
    stopped_at      BIGINT,
    stop_id_tag     TEXT NOT NULL DEFAULT '',
    stop_reason     TEXT NOT NULL DEFAULT '',
    energy_wh       BIGINT,
    active          INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX charging_sessions_by_start ON charging_sessions (charger_id, connector_id, id_tag, started_at);
CREATE INDEX charging_sessions_by_tag ON charging_sessions (id_tag, active);
CREATE INDEX charging_sessions_by_charger ON charging_sessions (charger_id, transaction_id);
CREATE TABLE meter_values (
    charger_id      TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    connector_id    INTEGER NOT NULL,
    transaction_id  BIGINT NOT NULL DEFAULT 0,
    orphan          INTEGER NOT NULL DEFAULT 0,
    sampled_at      BIGINT NOT NULL,
    measurand       TEXT NOT NULL,
    phase           TEXT NOT NULL DEFAULT '',
    location        TEXT NOT NULL DEFAULT '',
    context         TEXT NOT NULL DEFAULT '',
    format          TEXT NOT NULL DEFAULT '',
    value           DOUBLE PRECISION,
    unit            TEXT NOT NULL DEFAULT '',
    raw_value       TEXT NOT NULL DEFAULT '',
    raw_unit        TEXT NOT NULL DEFAULT '',
    received_at     BIGINT NOT NULL,
    PRIMARY KEY (charger_id, connector_id, transaction_id, sampled_at, measurand, phase, location, context)
);
CREATE INDEX meter_values_by_transaction ON meter_values (transaction_id, sampled_at);
CREATE INDEX meter_values_by_charger ON meter_values (charger_id, sampled_at);
CREATE INDEX meter_values_orphans ON meter_values (orphan, received_at);
CREATE TABLE orphan_stops (
    id              TEXT PRIMARY KEY,
    charger_id      TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    transaction_id  BIGINT NOT NULL,
    id_tag          TEXT NOT NULL DEFAULT '',
    meter_stop_wh   BIGINT NOT NULL,
    stopped_at      BIGINT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    received_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX orphan_stops_by_transaction ON orphan_stops (charger_id, transaction_id, stopped_at);
CREATE TABLE charger_jobs (
    id           TEXT PRIMARY KEY,
    charger_id   TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    request_id   INTEGER,
    received_at  BIGINT NOT NULL
);
CREATE INDEX charger_jobs_by_charger ON charger_jobs (charger_id, received_at);
CREATE TABLE security_events (
    id           TEXT PRIMARY KEY,
    charger_id   TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    type         TEXT NOT NULL,
    occurred_at  BIGINT NOT NULL,
    tech_info    TEXT NOT NULL DEFAULT '',
    received_at  BIGINT NOT NULL
);
CREATE INDEX security_events_by_charger ON security_events (charger_id, received_at);
CREATE TABLE certificate_requests (
    id           TEXT PRIMARY KEY,
    charger_id   TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    csr          TEXT NOT NULL,
    status       TEXT NOT NULL,
    subject      TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    received_at  BIGINT NOT NULL
);
CREATE INDEX certificate_requests_by_charger ON certificate_requests (charger_id, received_at);
CREATE TABLE data_transfers (
    id           TEXT PRIMARY KEY,
    charger_id   TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    vendor_id    TEXT NOT NULL,
    message_id   TEXT NOT NULL DEFAULT '',
    data         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    received_at  BIGINT NOT NULL
);
CREATE INDEX data_transfers_by_charger ON data_transfers (charger_id, received_at)
)sql"},
        {4, "commands: audit, charger configuration, charging profiles, reservations", R"sql(
CREATE TABLE command_audit (
    id                 TEXT PRIMARY KEY,
    charger_id         TEXT NOT NULL,
    action             TEXT NOT NULL,
    request            TEXT NOT NULL,
    actor_id           TEXT NOT NULL,
    actor_name         TEXT NOT NULL,
    requested_at       BIGINT NOT NULL,
    finished_at        BIGINT,
    outcome            TEXT NOT NULL,
    response           TEXT NOT NULL DEFAULT '',
    error_code         TEXT NOT NULL DEFAULT '',
    error_description  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX command_audit_by_charger ON command_audit (charger_id, requested_at);
CREATE TABLE charger_configuration (
    charger_id  TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    config_key  TEXT NOT NULL,
    value       TEXT,
    readonly    INTEGER NOT NULL DEFAULT 0,
    unknown     INTEGER NOT NULL DEFAULT 0,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (charger_id, config_key)
);
CREATE TABLE charging_profiles (
    charger_id    TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    profile_id    INTEGER NOT NULL,
    connector_id  INTEGER NOT NULL,
    stack_level   INTEGER NOT NULL,
    purpose       TEXT NOT NULL,
    profile       TEXT NOT NULL,
    set_at        BIGINT NOT NULL,
    PRIMARY KEY (charger_id, profile_id)
);
CREATE TABLE reservations (
    charger_id      TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    reservation_id  INTEGER NOT NULL,
    connector_id    INTEGER NOT NULL,
    id_tag          TEXT NOT NULL,
    parent_id_tag   TEXT NOT NULL DEFAULT '',
    expiry          BIGINT NOT NULL,
    status          TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (charger_id, reservation_id)
)
)sql"},
        {5, "charger credentials", R"sql(
CREATE TABLE charger_credentials (
    charger_id        TEXT PRIMARY KEY REFERENCES chargers(id) ON DELETE CASCADE,
    security_profile  INTEGER NOT NULL DEFAULT 0,
    password_hash     TEXT NOT NULL DEFAULT '',
    updated_at        BIGINT NOT NULL
)
)sql"},
        {6, "OCPP 2.0.1 transactions: the station's transaction id, events by sequence number", R"sql(
ALTER TABLE charging_sessions ADD COLUMN station_transaction_id TEXT NOT NULL DEFAULT '';
ALTER TABLE charging_sessions ADD COLUMN evse_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE charging_sessions ADD COLUMN charging_state TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX charging_sessions_by_station_id ON charging_sessions (charger_id, station_transaction_id)
    WHERE station_transaction_id <> '';
CREATE TABLE transaction_events (
    charger_id              TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    station_transaction_id  TEXT NOT NULL,
    seq_no                  INTEGER NOT NULL,
    transaction_id          BIGINT NOT NULL,
    event_type              TEXT NOT NULL,
    trigger_reason          TEXT NOT NULL,
    occurred_at             BIGINT NOT NULL,
    offline                 INTEGER NOT NULL DEFAULT 0,
    charging_state          TEXT NOT NULL DEFAULT '',
    stopped_reason          TEXT NOT NULL DEFAULT '',
    id_token                TEXT NOT NULL DEFAULT '',
    id_token_type           TEXT NOT NULL DEFAULT '',
    evse_id                 INTEGER NOT NULL DEFAULT 0,
    connector_id            INTEGER NOT NULL DEFAULT 0,
    remote_start_id         INTEGER,
    reservation_id          INTEGER,
    meter_values            INTEGER NOT NULL DEFAULT 0,
    received_at             BIGINT NOT NULL,
    PRIMARY KEY (charger_id, station_transaction_id, seq_no)
);
CREATE INDEX transaction_events_by_session ON transaction_events (transaction_id, seq_no)
)sql"},
        // 7 is reserved for work in progress. The runner accepts the gap, but it skips every version at
        // or below the schema's: a database migrated to 8 would never get a 7 added later.
        {7, "OCPP 2.0.1 reports: certificate type, published firmware locations, ISO 15118 requests", R"sql(
ALTER TABLE certificate_requests ADD COLUMN certificate_type TEXT NOT NULL DEFAULT '';
ALTER TABLE charger_jobs ADD COLUMN locations TEXT NOT NULL DEFAULT '';
CREATE TABLE iso15118_requests (
    id           TEXT PRIMARY KEY,
    charger_id   TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    action       TEXT NOT NULL,
    details      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    received_at  BIGINT NOT NULL
);
CREATE INDEX iso15118_requests_by_charger ON iso15118_requests (charger_id, received_at)
)sql"},
        {8, "OCPP 2.0.1 device model: variables, attributes, report parts", R"sql(
CREATE TABLE device_variables (
    charger_id           TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    component_key        TEXT NOT NULL,
    variable_key         TEXT NOT NULL,
    component_name       TEXT NOT NULL,
    component_instance   TEXT NOT NULL DEFAULT '',
    evse_id              INTEGER,
    connector_id         INTEGER,
    variable_name        TEXT NOT NULL,
    variable_instance    TEXT NOT NULL DEFAULT '',
    data_type            TEXT,
    unit                 TEXT NOT NULL DEFAULT '',
    min_limit            DOUBLE PRECISION,
    max_limit            DOUBLE PRECISION,
    values_list          TEXT NOT NULL DEFAULT '',
    supports_monitoring  INTEGER NOT NULL DEFAULT 0,
    updated_at           BIGINT NOT NULL,
    PRIMARY KEY (charger_id, component_key, variable_key)
);
CREATE TABLE device_variable_attributes (
    charger_id      TEXT NOT NULL,
    component_key   TEXT NOT NULL,
    variable_key    TEXT NOT NULL,
    attribute_type  TEXT NOT NULL,
    value           TEXT,
    mutability      TEXT,
    is_persistent   INTEGER,
    is_constant     INTEGER,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (charger_id, component_key, variable_key, attribute_type),
    FOREIGN KEY (charger_id, component_key, variable_key)
        REFERENCES device_variables (charger_id, component_key, variable_key) ON DELETE CASCADE
);
CREATE TABLE device_report_parts (
    charger_id    TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    request_id    INTEGER NOT NULL,
    seq_no        INTEGER NOT NULL,
    tbc           INTEGER NOT NULL,
    generated_at  BIGINT NOT NULL,
    entries       TEXT NOT NULL,
    applied       INTEGER NOT NULL DEFAULT 0,
    received_at   BIGINT NOT NULL,
    PRIMARY KEY (charger_id, request_id, seq_no)
);
CREATE INDEX device_report_parts_by_age ON device_report_parts (received_at)
)sql"},
        {9, "OCPP 2.0.1 smart charging reports: EV charging needs and schedules, external limits, profiles",
         R"sql(
CREATE TABLE smart_charging_reports (
    id           TEXT PRIMARY KEY,
    charger_id   TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    action       TEXT NOT NULL,
    evse_id      INTEGER NOT NULL,
    details      TEXT NOT NULL DEFAULT '',
    received_at  BIGINT NOT NULL
);
CREATE INDEX smart_charging_reports_by_charger ON smart_charging_reports (charger_id, action, received_at)
)sql"},
        {10, "OCPP 2.0.1 diagnostics and display messages: monitoring events, monitors, customer information",
         R"sql(
CREATE TABLE monitoring_events (
    charger_id              TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    event_id                INTEGER NOT NULL,
    occurred_at             BIGINT NOT NULL,
    event_trigger           TEXT NOT NULL,
    cause                   INTEGER,
    actual_value            TEXT NOT NULL DEFAULT '',
    tech_code               TEXT NOT NULL DEFAULT '',
    tech_info               TEXT NOT NULL DEFAULT '',
    cleared                 INTEGER NOT NULL DEFAULT 0,
    transaction_id          TEXT NOT NULL DEFAULT '',
    variable_monitoring_id  INTEGER,
    notification_type       TEXT NOT NULL,
    component_name          TEXT NOT NULL,
    component_instance      TEXT NOT NULL DEFAULT '',
    evse_id                 INTEGER,
    connector_id            INTEGER,
    variable_name           TEXT NOT NULL,
    variable_instance       TEXT NOT NULL DEFAULT '',
    generated_at            BIGINT NOT NULL,
    seq_no                  INTEGER NOT NULL,
    received_at             BIGINT NOT NULL,
    PRIMARY KEY (charger_id, event_id, occurred_at)
);
CREATE INDEX monitoring_events_by_time ON monitoring_events (charger_id, occurred_at);
CREATE TABLE variable_monitors (
    charger_id          TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    monitor_id          INTEGER NOT NULL,
    component_name      TEXT NOT NULL,
    component_instance  TEXT NOT NULL DEFAULT '',
    evse_id             INTEGER,
    connector_id        INTEGER,
    variable_name       TEXT NOT NULL,
    variable_instance   TEXT NOT NULL DEFAULT '',
    transaction_only    INTEGER NOT NULL DEFAULT 0,
    value               DOUBLE PRECISION NOT NULL,
    monitor_type        TEXT NOT NULL,
    severity            INTEGER NOT NULL,
    request_id          INTEGER NOT NULL,
    generated_at        BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    PRIMARY KEY (charger_id, monitor_id)
);
CREATE TABLE display_messages (
    charger_id            TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    message_id            INTEGER NOT NULL,
    priority              TEXT NOT NULL,
    state                 TEXT NOT NULL DEFAULT '',
    start_at              BIGINT,
    end_at                BIGINT,
    transaction_id        TEXT NOT NULL DEFAULT '',
    format                TEXT NOT NULL,
    language              TEXT NOT NULL DEFAULT '',
    content               TEXT NOT NULL,
    display_name          TEXT,
    display_instance      TEXT NOT NULL DEFAULT '',
    display_evse_id       INTEGER,
    display_connector_id  INTEGER,
    request_id            INTEGER NOT NULL,
    updated_at            BIGINT NOT NULL,
    PRIMARY KEY (charger_id, message_id)
);
CREATE TABLE station_report_parts (
    charger_id    TEXT NOT NULL REFERENCES chargers(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    request_id    INTEGER NOT NULL,
    seq_no        INTEGER NOT NULL,
    tbc           INTEGER NOT NULL,
    generated_at  BIGINT,
    content       TEXT NOT NULL,
    applied       INTEGER NOT NULL DEFAULT 0,
    received_at   BIGINT NOT NULL,
    PRIMARY KEY (charger_id, kind, request_id, seq_no)
)
)sql"},
        {11, "certificates signed by Manage's CA: the certificate sent, its serial number and expiry", R"sql(
ALTER TABLE certificate_requests ADD COLUMN certificate TEXT NOT NULL DEFAULT '';
ALTER TABLE certificate_requests ADD COLUMN serial_number TEXT NOT NULL DEFAULT '';
ALTER TABLE certificate_requests ADD COLUMN expires_at BIGINT
)sql"},
        {12, "OCPP 2.0.1 id token types for id tags and local list entries", R"sql(
ALTER TABLE id_tags ADD COLUMN token_type TEXT NOT NULL DEFAULT 'ISO14443';
ALTER TABLE local_list_entries ADD COLUMN token_type TEXT NOT NULL DEFAULT 'ISO14443'
)sql"},
        {13, "tariffs (time-of-use energy prices, session fee) and the tariff billing each charger", R"sql(
CREATE TABLE tariffs (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    currency       TEXT NOT NULL,
    timezone       TEXT NOT NULL,
    price_per_kwh  DOUBLE PRECISION NOT NULL,
    session_fee    DOUBLE PRECISION NOT NULL,
    periods        TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE TABLE charger_tariffs (
    charger_id  TEXT PRIMARY KEY REFERENCES chargers(id) ON DELETE CASCADE,
    tariff_id   TEXT NOT NULL REFERENCES tariffs(id)
);
CREATE INDEX charger_tariffs_by_tariff ON charger_tariffs (tariff_id)
)sql"},
        {14, "organisations (tenants), users, web sessions; chargers, ID tags, tariffs and API keys belong to one",
         R"sql(
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
INSERT INTO organisations (id, name, created_at) VALUES ('default', 'Default organisation', 0);
CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email            TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX users_by_organisation ON users (organisation_id, email);
CREATE TABLE web_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_id);
ALTER TABLE api_keys ADD COLUMN organisation_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE api_keys ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
CREATE INDEX api_keys_by_organisation ON api_keys (organisation_id);
ALTER TABLE chargers ADD COLUMN organisation_id TEXT NOT NULL DEFAULT 'default';
CREATE INDEX chargers_by_organisation ON chargers (organisation_id, id);
ALTER TABLE tariffs ADD COLUMN organisation_id TEXT NOT NULL DEFAULT 'default';
CREATE INDEX tariffs_by_organisation ON tariffs (organisation_id, id);
CREATE TABLE id_tags_by_organisation (
    organisation_id      TEXT NOT NULL,
    id_tag               TEXT NOT NULL,
    status               TEXT NOT NULL,
    expiry               BIGINT,
    parent_id_tag        TEXT NOT NULL DEFAULT '',
    allow_concurrent_tx  INTEGER NOT NULL DEFAULT 0,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    token_type           TEXT NOT NULL DEFAULT 'ISO14443',
    PRIMARY KEY (organisation_id, id_tag)
);
INSERT INTO id_tags_by_organisation (organisation_id, id_tag, status, expiry, parent_id_tag, allow_concurrent_tx,
                                     created_at, updated_at, token_type)
    SELECT 'default', id_tag, status, expiry, parent_id_tag, allow_concurrent_tx, created_at, updated_at, token_type
    FROM id_tags;
DROP TABLE id_tags;
ALTER TABLE id_tags_by_organisation RENAME TO id_tags
)sql"},
        {17, "sessions carry their organisation (for scoped, indexed lists) and their cost once stopped", R"sql(
ALTER TABLE charging_sessions ADD COLUMN organisation_id TEXT NOT NULL DEFAULT 'default';
UPDATE charging_sessions SET organisation_id = COALESCE(
    (SELECT c.organisation_id FROM chargers c WHERE c.id = charging_sessions.charger_id), 'default');
ALTER TABLE charging_sessions ADD COLUMN cost_amount DOUBLE PRECISION;
ALTER TABLE charging_sessions ADD COLUMN cost_currency TEXT NOT NULL DEFAULT '';
CREATE INDEX charging_sessions_by_organisation ON charging_sessions (organisation_id, started_at, transaction_id);
CREATE INDEX charging_sessions_by_organisation_charger
    ON charging_sessions (organisation_id, charger_id, started_at, transaction_id)
)sql"},
        // 15 and 16 were never used: work that began beside 17 was renumbered above it, since the runner
        // skips every version at or below the schema's.
        {18, "sites (depots), load groups, and where chargers and connectors sit", R"sql(
CREATE TABLE sites (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    name             TEXT NOT NULL,
    address_line1    TEXT NOT NULL,
    address_line2    TEXT NOT NULL DEFAULT '',
    postcode         TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL,
    country          TEXT NOT NULL,
    timezone         TEXT NOT NULL,
    grid_limit_kw    DOUBLE PRECISION NOT NULL,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX sites_by_organisation ON sites (organisation_id, name, id);
CREATE TABLE load_groups (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    site_id          TEXT NOT NULL REFERENCES sites(id),
    parent_id        TEXT REFERENCES load_groups(id),
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    limit_unit       TEXT NOT NULL,
    limit_value      DOUBLE PRECISION NOT NULL,
    limit_phases     INTEGER NOT NULL,
    limit_voltage    DOUBLE PRECISION NOT NULL,
    limit_schedule   TEXT NOT NULL,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX load_groups_by_site ON load_groups (organisation_id, site_id, name, id);
ALTER TABLE chargers ADD COLUMN site_id TEXT REFERENCES sites(id);
ALTER TABLE chargers ADD COLUMN load_group_id TEXT REFERENCES load_groups(id);
ALTER TABLE chargers ADD COLUMN max_power_kw DOUBLE PRECISION;
ALTER TABLE chargers ADD COLUMN phases INTEGER;
ALTER TABLE chargers ADD COLUMN name TEXT;
ALTER TABLE chargers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE INDEX chargers_by_site ON chargers (organisation_id, site_id);
ALTER TABLE connectors ADD COLUMN connector_type TEXT;
ALTER TABLE connectors ADD COLUMN max_power_kw DOUBLE PRECISION
)sql"},
        {19, "fleets, vehicles with their RFID tokens, and vehicles' departures (weekly and one-off)", R"sql(
CREATE TABLE fleets (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX fleets_by_organisation ON fleets (organisation_id, name, id);
CREATE TABLE vehicles (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    fleet_id         TEXT NOT NULL REFERENCES fleets(id),
    name             TEXT NOT NULL,
    registration     TEXT NOT NULL,
    vin              TEXT NOT NULL,
    battery_kwh      DOUBLE PRECISION NOT NULL,
    max_ac_kw        DOUBLE PRECISION NOT NULL,
    max_dc_kw        DOUBLE PRECISION NOT NULL,
    target_soc       DOUBLE PRECISION NOT NULL,
    timezone         TEXT NOT NULL,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX vehicles_by_organisation ON vehicles (organisation_id, name, id);
CREATE INDEX vehicles_by_fleet ON vehicles (fleet_id);
CREATE TABLE vehicle_tokens (
    organisation_id  TEXT NOT NULL,
    token            TEXT NOT NULL,
    vehicle_id       TEXT NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, token)
);
CREATE INDEX vehicle_tokens_by_vehicle ON vehicle_tokens (vehicle_id);
CREATE TABLE departures (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    vehicle_id       TEXT NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    name             TEXT NOT NULL,
    days             TEXT NOT NULL,
    minute           INTEGER NOT NULL,
    at               BIGINT NOT NULL,
    energy_kwh       DOUBLE PRECISION,
    soc              DOUBLE PRECISION,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX departures_by_vehicle ON departures (vehicle_id, name, id)
)sql"},
        {20, "sessions linked to vehicles (by token, by the depot's charger assignments, by hand)", R"sql(
ALTER TABLE charging_sessions ADD COLUMN vehicle_id TEXT;
ALTER TABLE charging_sessions ADD COLUMN vehicle_link TEXT NOT NULL DEFAULT '';
CREATE INDEX charging_sessions_by_vehicle
    ON charging_sessions (organisation_id, vehicle_id, started_at, transaction_id);
CREATE TABLE vehicle_assignments (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL,
    vehicle_id       TEXT NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
    charger_id       TEXT NOT NULL,
    connector_id     INTEGER NOT NULL,
    starts_at        BIGINT NOT NULL,
    ends_at          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX vehicle_assignments_by_charger ON vehicle_assignments (organisation_id, charger_id, starts_at);
CREATE INDEX vehicle_assignments_by_vehicle ON vehicle_assignments (vehicle_id, starts_at)
)sql"},
        {21, "tariffs per site with a demand charge per kW of the month's peak", R"sql(
ALTER TABLE tariffs ADD COLUMN demand_charge_per_kw DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE tariffs ADD COLUMN demand_interval_minutes INTEGER NOT NULL DEFAULT 15;
CREATE TABLE site_tariffs (
    site_id    TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
    tariff_id  TEXT NOT NULL REFERENCES tariffs(id)
);
CREATE INDEX site_tariffs_by_tariff ON site_tariffs (tariff_id)
)sql"},
        {22, "the transactional outbox: events written with the change that causes them, published after", R"sql(
CREATE TABLE outbox (
    id                TEXT PRIMARY KEY,
    topic             TEXT NOT NULL,
    payload           TEXT NOT NULL,
    event_time_us     BIGINT NOT NULL,
    created_us        BIGINT NOT NULL,
    position          BIGINT NOT NULL,
    claimed_by        TEXT NOT NULL,
    claimed_until_us  BIGINT NOT NULL
);
CREATE INDEX outbox_by_age ON outbox (claimed_until_us, created_us, position);
CREATE INDEX outbox_by_claim ON outbox (claimed_by)
)sql"},
    };
    return all;
}

} // namespace manage::core
