import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { formatKwh, formatTime } from '../../format';
import { describeError } from '../../forms/SpecForm';
import { mayWrite } from '../../forms/http';
import { useRole } from '../../forms/useRole';
import { EnergyChart } from './EnergyChart';
import { LinkVehicle } from './LinkVehicle';
import { chargerLabel, chargerZone, formatCost, formatDuration, useLookups, vehicleName, type Lookups } from './lookups';
import { buildSeries, ENERGY, hasData, POWER } from './meterSeries';
import { MeterTable } from './MeterTable';
import type { Cost, MeterValue, Session } from './types';
import '../../forms/forms.css';
import './sessions.css';

const ACTIVE_REFRESH_MS = 30_000;

interface Loaded { session: Session; values: MeterValue[]; cost: Cost | null; costError: string | null }

async function loadSession(id: string): Promise<Loaded> {
  const base = `/api/v1/sessions/${encodeURIComponent(id)}`;
  const session = await api.get<Session>(base);
  const meter = (measurand: string) =>
    api.get<{ items: MeterValue[] }>(`${base}/meter-values`, { measurand, limit: 10000 }).then((r) => r.items);
  const [energy, power, cost] = await Promise.all([
    meter(ENERGY),
    meter(POWER),
    session.status === 'active'
      ? api.get<Cost>(`${base}/cost`).then((c) => ({ cost: c, costError: null }))
        .catch((e: ApiError) => ({ cost: null, costError: e.code === 'no_tariff' ? 'No tariff bills this charger' : describeError(e) }))
      : Promise.resolve({ cost: null, costError: null }),
  ]);
  return { session, values: [...energy, ...power], ...cost };
}

/** One session: what it delivered, what it cost, and its energy and power over time. */
export default function SessionPage() {
  const { transactionId = '' } = useParams();
  const lookups = useLookups();
  const canLink = mayWrite(useRole(), 'operator');
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    loadSession(transactionId)
      .then((d) => { if (live) { setData(d); setError(null); } })
      .catch((e: ApiError) => live && setError(e));
    return () => { live = false; };
  }, [transactionId, tick]);

  const active = data?.session.status === 'active';
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), ACTIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [active]);

  const onLinked = useCallback((session: Session) => setData((d) => (d ? { ...d, session } : d)), []);
  const series = useMemo(() => buildSeries(data?.values ?? [], data?.session), [data?.values, data?.session]);

  if (error && !data) {
    const message = error.status === 404 ? `There is no session #${transactionId}.`
      : error.code === 'invalid_transaction_id' ? `“${transactionId}” is not a session number.` : describeError(error);
    return (
      <main className="ss-screen">
        <Link className="ss-back" to="/sessions">← Sessions</Link>
        <div className="fm-banner" role="alert">{message}</div>
      </main>
    );
  }
  if (!data) return <main className="ss-screen"><p className="fm-empty" role="status">Loading session #{transactionId}…</p></main>;

  const { session } = data;
  const zone = chargerZone(lookups, session.chargerId);
  return (
    <main className="ss-screen">
      <Link className="ss-back" to="/sessions">← Sessions</Link>
      <header className="ss-head">
        <h1 className="ss-title">
          Session #{session.transactionId}{' '}
          <span className={`fm-badge fm-badge-${session.status}`}>{session.status === 'active' ? 'Active' : 'Stopped'}</span>
        </h1>
        {error && <span className="fm-muted fm-small" role="status">Could not refresh: {describeError(error)}</span>}
      </header>
      <Facts data={data} lookups={lookups} zone={zone} lastEnergyKwh={lastOf(series.energyKwh)} />
      <section className="ss-card" aria-labelledby="ss-chart-title">
        <h2 id="ss-chart-title">Energy and power</h2>
        {hasData(series) ? (
          <figure className="ss-figure" style={{ margin: 0 }} aria-label={`Energy and power of session ${session.transactionId}`}>
            <EnergyChart series={series} timeZone={zone} />
            {series.powerDerived && (
              <figcaption className="ss-legend-note fm-muted fm-small">
                The charger sent no power readings: power is worked out from the energy register between readings.
              </figcaption>
            )}
          </figure>
        ) : (
          <p className="fm-empty">No meter values for this session: the charger sent no energy or power readings.</p>
        )}
        {hasData(series) && <MeterTable series={series} timeZone={zone} />}
      </section>
      {canLink && (
        <section className="ss-card" aria-labelledby="ss-vehicle-title">
          <h2 id="ss-vehicle-title">Vehicle</h2>
          <LinkVehicle session={session} vehicles={lookups.vehicles} onLinked={onLinked} />
        </section>
      )}
    </main>
  );
}

function lastOf(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

const linkNames = { token: 'by its RFID token', schedule: 'by the charging plan', manual: 'by hand' } as const;

function Facts({ data, lookups, zone, lastEnergyKwh }: { data: Loaded; lookups: Lookups; zone?: string; lastEnergyKwh: number | null }) {
  const { session, cost, costError } = data;
  const running = session.status === 'active';
  const soFar = running ? <span className="ss-so-far"> so far</span> : null;
  const energy = running ? (lastEnergyKwh !== null ? `${lastEnergyKwh.toFixed(2)} kWh` : '—') : formatKwh(session.energyWh);
  const duration = running
    ? formatDuration(Math.max(0, (Date.now() - new Date(session.startedAt).getTime()) / 1000))
    : formatDuration(session.durationS);
  const costText = session.cost ? formatCost(session.cost) : cost ? formatCost(cost) : null;
  const vehicle = vehicleName(lookups, session.vehicleId);
  return (
    <dl className="ss-facts">
      <Fact label="Energy" big>{energy}{energy !== '—' && soFar}</Fact>
      <Fact label="Duration" big>{duration}{soFar}</Fact>
      <Fact label="Cost" big>
        {costText ? <>{costText}{soFar}</> : <span className="ss-no-cost">{costError ?? (running ? '—' : 'Not billed')}</span>}
      </Fact>
      <Fact label="Charger">
        <Link to={`/chargers/${encodeURIComponent(session.chargerId)}`}>{chargerLabel(lookups, session.chargerId)}</Link>
        <span className="fm-muted"> · connector {session.connectorId}{session.evseId !== session.connectorId ? ` (EVSE ${session.evseId})` : ''}</span>
      </Fact>
      <Fact label="ID tag">
        <span className="ss-mono">{session.idTag ?? '—'}</span>
        {session.authorization && <span className="fm-muted fm-small"> · {session.authorization}</span>}
      </Fact>
      <Fact label="Vehicle">
        {vehicle && session.vehicleId
          ? <><Link to={`/settings/vehicles/${encodeURIComponent(session.vehicleId)}`}>{vehicle}</Link>
            {session.vehicleLink && <span className="fm-muted fm-small"> · {linkNames[session.vehicleLink]}</span>}</>
          : <span className="fm-muted">Not known</span>}
      </Fact>
      <Fact label="Started"><time dateTime={session.startedAt}>{formatTime(session.startedAt, zone)}</time></Fact>
      <Fact label="Stopped">{session.stoppedAt ? <time dateTime={session.stoppedAt}>{formatTime(session.stoppedAt, zone)}</time> : '—'}</Fact>
      <Fact label="Stop reason">{session.stopReason ?? '—'}{session.stopIdTag ? ` (by ${session.stopIdTag})` : ''}</Fact>
      <Fact label="Meter start / stop">
        {formatKwh(session.meterStartWh)} / {formatKwh(session.meterStopWh)}
      </Fact>
      {session.chargingState && <Fact label="Charging state">{session.chargingState}</Fact>}
      {session.stationTransactionId && <Fact label="Station's transaction">{session.stationTransactionId}</Fact>}
    </dl>
  );
}

function Fact({ label, children, big }: { label: string; children: React.ReactNode; big?: boolean }) {
  return (
    <div className={'ss-fact' + (big ? ' ss-fact-big' : '')}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
