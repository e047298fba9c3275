import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { formatKw, formatKwh, formatTime } from '../../format';
import { describeError } from '../../forms/SpecForm';
import { mayWrite } from '../../forms/http';
import { useRole } from '../../forms/useRole';
import { connectorKey } from '../../live/live';
import { useLive } from '../../live/LiveProvider';
import type { MeterValue, Session } from '../sessions/types';
import { activeSessionByVehicle, latestSoc, mapLimited, untilText, type NextDeparture, type VehicleRow } from './vehicleData';
import '../../forms/forms.css';
import './vehicles.css';

interface Fleet { id: string; name: string }
interface Extra { session?: Session; soc?: { soc: number; at: string } | null; next?: NextDeparture | null }
interface Loaded { vehicles: VehicleRow[]; fleets: Fleet[]; extras: Record<string, Extra>; at: Date }

const REFRESH_MS = 60_000;

async function loadAll(fleetId: string): Promise<Loaded> {
  const [vehicles, fleets, active] = await Promise.all([
    api.get<{ items: VehicleRow[] }>('/api/v1/vehicles', { fleetId }),
    api.get<{ items: Fleet[] }>('/api/v1/fleets'),
    api.get<{ items: Session[] }>('/api/v1/sessions', { status: 'active', limit: 1000 }),
  ]);
  const sessions = activeSessionByVehicle(active.items);
  const extras: Record<string, Extra> = {};
  await mapLimited(vehicles.items, 6, async (vehicle) => {
    const session = sessions.get(vehicle.id);
    const [next, soc] = await Promise.all([
      api.get<{ items: NextDeparture[] }>(`/api/v1/vehicles/${encodeURIComponent(vehicle.id)}/next-departures`)
        .then((r) => r.items[0] ?? null).catch(() => null),
      session ? recentSoc(session) : Promise.resolve(undefined),
    ]);
    extras[vehicle.id] = { session, soc, next };
  });
  return { vehicles: vehicles.items, fleets: fleets.items, extras, at: new Date() };
}

/** The SoC the charger reported in the last hour of the session, if it reports one at all. */
async function recentSoc(session: Session) {
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  const from = session.startedAt > hourAgo ? session.startedAt : hourAgo;
  const values = await api.get<{ items: MeterValue[] }>(
    `/api/v1/sessions/${session.transactionId}/meter-values`, { measurand: 'SoC', from, limit: 10000 },
  ).catch(() => ({ items: [] as MeterValue[] }));
  return latestSoc(values.items);
}

/** Every vehicle with its charge, its next departure and the session it is in. */
export default function VehicleList() {
  const [search, setSearch] = useSearchParams();
  const fleetId = search.get('fleet') ?? '';
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const canAdd = mayWrite(useRole(), 'operator');

  useEffect(() => {
    let live = true;
    setLoading(true);
    loadAll(fleetId)
      .then((d) => { if (live) { setData(d); setError(null); } })
      .catch((e: ApiError) => live && setError(describeError(e)))
      .finally(() => live && setLoading(false));
    const timer = setTimeout(refresh, REFRESH_MS);
    return () => { live = false; clearTimeout(timer); };
  }, [fleetId, tick, refresh]);

  const fleetName = (id: string) => data?.fleets.find((f) => f.id === id)?.name ?? '—';
  const charging = data ? data.vehicles.filter((v) => data.extras[v.id]?.session).length : 0;

  return (
    <main className="vh-screen">
      <header className="vh-head">
        <div>
          <h1 className="vh-title">Vehicles</h1>
          {data && (
            <p className="vh-summary" aria-live="polite">
              {data.vehicles.length} vehicle{data.vehicles.length === 1 ? '' : 's'} · {charging} in a session
              <span className="fm-muted"> · updated {formatTime(data.at.toISOString()).slice(-8)}</span>
            </p>
          )}
        </div>
        <div className="vh-tools">
          <label className="vh-filter">
            <span>Fleet</span>
            <select value={fleetId} onChange={(e) => setSearch(e.target.value ? { fleet: e.target.value } : {})}>
              <option value="">All fleets</option>
              {data?.fleets.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
            </select>
          </label>
          <button type="button" className="fm-button" onClick={refresh} disabled={loading}>Refresh</button>
          {canAdd && <Link className="fm-button fm-primary" to="/settings/vehicles/new">New vehicle</Link>}
        </div>
      </header>
      {error && <div className="fm-banner" role="alert">Cannot load the vehicles: {error}</div>}
      {!data && loading && <p className="fm-empty" role="status">Loading vehicles…</p>}
      {data && data.vehicles.length === 0 && (
        <p className="fm-empty">
          {fleetId ? 'No vehicles in this fleet.' : 'No vehicles yet.'}
          {canAdd && <> <Link to="/settings/vehicles/new">Add a vehicle</Link>.</>}
        </p>
      )}
      {data && data.vehicles.length > 0 && <VehicleTable data={data} fleetName={fleetName} />}
    </main>
  );
}

function VehicleTable({ data, fleetName }: { data: Loaded; fleetName: (id: string) => string }) {
  const { state } = useLive();
  return (
    <div className="fm-table-wrap">
      <table className="fm-table vh-table">
        <caption className="fm-visually-hidden">Vehicles</caption>
        <thead>
          <tr>
            <th scope="col">Vehicle</th>
            <th scope="col">Fleet</th>
            <th scope="col">State of charge</th>
            <th scope="col" className="fm-num">Target</th>
            <th scope="col">Next departure</th>
            <th scope="col">Session</th>
          </tr>
        </thead>
        <tbody>
          {data.vehicles.map((v) => {
            const extra = data.extras[v.id] ?? {};
            const session = extra.session;
            const connector = session ? state.connectors[connectorKey({ chargerId: session.chargerId, evseId: session.evseId, connectorId: session.connectorId })] : undefined;
            return (
              <tr key={v.id}>
                <th scope="row">
                  <Link to={`/settings/vehicles/${encodeURIComponent(v.id)}`} title={`Edit ${v.name}`}>{v.name}</Link>
                  {v.registration && <div className="fm-muted fm-small">{v.registration}</div>}
                </th>
                <td>{fleetName(v.fleetId)}</td>
                <td><SocCell soc={extra.soc?.soc} target={v.targetSoc} at={extra.soc?.at} timeZone={v.timezone} /></td>
                <td className="fm-num">{v.targetSoc} %</td>
                <td><DepartureCell next={extra.next} timeZone={v.timezone} /></td>
                <td>
                  {session ? (
                    <div>
                      <Link to={`/sessions/${session.transactionId}`}>#{session.transactionId}</Link>{' '}
                      <span className="fm-muted">at {session.chargerId}/{session.connectorId}</span>
                      <div className="fm-small">
                        <span className="fm-badge fm-badge-charging">{session.chargingState ?? connector?.status ?? 'Active'}</span>{' '}
                        {connector && connector.powerW > 0 ? formatKw(connector.powerW / 1000) : ''}
                        {session.energyWh !== null ? ` · ${formatKwh(session.energyWh)}` : ''}
                      </div>
                    </div>
                  ) : <span className="fm-muted">Not charging</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SocCell({ soc, target, at, timeZone }: { soc?: number; target: number; at?: string; timeZone: string }) {
  if (soc === undefined) return <span className="fm-muted" title="Only chargers that report the battery's SoC give one">Not reported</span>;
  const reached = soc >= target;
  return (
    <div className="vh-soc" title={`Reported ${formatTime(at, timeZone)}`}>
      <div className="vh-soc-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={soc}
        aria-label={`State of charge ${soc} %, target ${target} %`}>
        <div className={'vh-soc-fill' + (reached ? ' vh-soc-done' : '')} style={{ width: `${Math.min(100, Math.max(0, soc))}%` }} />
        <div className="vh-soc-target" style={{ left: `${target}%` }} />
      </div>
      <span className="vh-soc-value">{Math.round(soc)} %</span>
    </div>
  );
}

function DepartureCell({ next, timeZone }: { next?: NextDeparture | null; timeZone: string }) {
  if (!next) return <span className="fm-muted">None in 7 days</span>;
  return (
    <div>
      <time dateTime={next.at}>{formatTime(next.at, timeZone).slice(0, 17)}</time>
      <span className="fm-muted"> · {untilText(next.at)}</span>
      <div className="fm-muted fm-small">
        {next.name ?? (next.kind === 'weekly' ? 'Weekly' : 'Trip')} · needs {Math.round(next.soc)} % ({Math.round(next.energyKwh)} kWh)
      </div>
    </div>
  );
}
