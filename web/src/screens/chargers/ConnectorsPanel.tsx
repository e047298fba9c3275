import { StatusBadge } from '../../components/StatusBadge';
import { formatKw, formatTime } from '../../format';
import { connectorKey, type LiveState } from '../../live/live';
import type { OcppVersion } from './commands';
import type { ChargerConnector } from './types';

export interface ConnectorRow {
  evseId: number; connectorId: number; status: string | null; powerW: number;
  errorCode: string | null; changedAt: string | null; type: string | null; maxPowerKw: number | null;
}

/** The charger's connectors from its record, with the stream's newer status and power over them. */
export function connectorRows(connectors: ChargerConnector[], chargerId: string, live: LiveState, online: boolean): ConnectorRow[] {
  const rows = new Map<string, ConnectorRow>();
  for (const c of connectors)
    rows.set(connectorKey({ chargerId, ...c }), {
      evseId: c.evseId, connectorId: c.connectorId, status: c.status || null, powerW: 0,
      errorCode: c.errorCode && c.errorCode !== 'NoError' ? c.errorCode : null,
      changedAt: c.statusChangedAt ?? null, type: c.type ?? null, maxPowerKw: c.maxPowerKw ?? null,
    });
  for (const l of Object.values(live.connectors)) {
    if (l.chargerId !== chargerId) continue;
    const key = connectorKey(l);
    const base = rows.get(key);
    rows.set(key, {
      evseId: l.evseId, connectorId: l.connectorId, status: l.status ?? base?.status ?? null,
      powerW: online ? l.powerW : 0, errorCode: base?.errorCode ?? null,
      changedAt: l.updatedAt ?? base?.changedAt ?? null, type: base?.type ?? null, maxPowerKw: base?.maxPowerKw ?? null,
    });
  }
  return [...rows.values()].sort((a, b) => a.evseId - b.evseId || a.connectorId - b.connectorId);
}

// A 1.6 connector is its own EVSE; a 2.0.1 connector is named by both ids.
function connectorName(r: ConnectorRow, version: OcppVersion): string {
  return version === '1.6' ? `Connector ${r.connectorId}` : `EVSE ${r.evseId} · connector ${r.connectorId}`;
}

export function ConnectorsPanel({ rows, online, version, timeZone }: {
  rows: ConnectorRow[]; online: boolean; version: OcppVersion; timeZone?: string;
}) {
  return (
    <section className="panel" aria-labelledby="connectors-title">
      <header className="panel-head">
        <h2 id="connectors-title">Connectors</h2>
        {!online && <span className="muted small">Offline: last known status</span>}
      </header>
      {rows.length === 0 && <p className="muted">The charger has not reported any connector yet.</p>}
      <ul className="connectors">
        {rows.map((r) => (
          <li key={`${r.evseId}/${r.connectorId}`} className="connector" aria-label={connectorName(r, version)}>
            <div className="connector-head">
              <span className="connector-name">{connectorName(r, version)}</span>
              <StatusBadge status={online ? r.status : 'Offline'} />
            </div>
            <div className="connector-power">
              <strong>{formatKw(r.powerW / 1000)}</strong>
              {r.maxPowerKw !== null && <span className="muted small"> of {formatKw(r.maxPowerKw, 0)}</span>}
            </div>
            <div className="muted small">
              {[r.type, r.errorCode && `Error ${r.errorCode}`].filter(Boolean).join(' · ')}
              {r.changedAt && <span className="block">Since {formatTime(r.changedAt, timeZone)}</span>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
