-- A depot estate for the API benchmark: :chargers chargers (BENCH-10000 …) with two connectors each,
-- and :sessions sessions spread over them a minute apart, one in a hundred still active. Plain SQL
-- that SQLite and PostgreSQL both run (times as BIGINT: PostgreSQL's integers are 32-bit); bench/api-load.sh
-- substitutes the two numbers.
INSERT INTO chargers (id, registration, ocpp_version, vendor, model, serial_number, firmware_version, status,
                      created_at, organisation_id)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @CHARGERS@ - 1)
SELECT 'BENCH-' || (10000 + i), 'Accepted', '1.6', 'Bench', 'DC-150', 'SN-' || i, '1.0.0', 'Available',
       1795000000000, 'default'
FROM n;

INSERT INTO connectors (charger_id, evse_id, connector_id, status, error_code, status_changed_at)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2 * @CHARGERS@ - 1)
SELECT 'BENCH-' || (10000 + i / 2), 1 + i % 2, 1 + i % 2, 'Available', 'NoError', 1795000000000
FROM n;

INSERT INTO charging_sessions (transaction_id, charger_id, connector_id, id_tag, start_status, meter_start_wh,
                               started_at, meter_stop_wh, stopped_at, stop_reason, energy_wh, active, created_at,
                               updated_at, organisation_id, evse_id)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @SESSIONS@ - 1)
SELECT i + 1, 'BENCH-' || (10000 + i % @CHARGERS@), 1 + i % 2, 'TAG-' || (i % 500), 'Accepted', 0,
       1795000000000 + CAST(i AS BIGINT) * 60000,
       CASE WHEN i % 100 = 0 THEN NULL ELSE 1000 + (i * 37) % 50000 END,
       CASE WHEN i % 100 = 0 THEN NULL ELSE 1795000000000 + CAST(i AS BIGINT) * 60000 + 1800000 END,
       CASE WHEN i % 100 = 0 THEN '' ELSE 'EVDisconnected' END,
       CASE WHEN i % 100 = 0 THEN NULL ELSE 1000 + (i * 37) % 50000 END,
       CASE WHEN i % 100 = 0 THEN 1 ELSE 0 END,
       1795000000000, 1795000000000, 'default', 1 + i % 2
FROM n;

UPDATE counters SET value = @SESSIONS@ WHERE name = 'transaction_id';
