import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorState, Loading } from '../../components/States';
import { useFetch } from '../../components/useFetch';
import type { Page, Session } from '../chargers/types';
import { departureOutlook } from './readiness';
import type { NextDeparture, Vehicle } from './types';

const windowHours = 24;
// Next departures are one request per vehicle; beyond this many the panel says it sampled.
const maxVehicles = 200;

interface FleetData { departures: Map<string, NextDeparture | null>; charging: Set<string>; total: number }

async function loadFleet(): Promise<FleetData> {
  const [vehicles, active] = await Promise.all([
    api.get<Page<Vehicle>>('/api/v1/vehicles'),
    api.get<Page<Session>>('/api/v1/sessions', { status: 'active', limit: 1000 }),
  ]);
  const chosen = vehicles.items.slice(0, maxVehicles);
  const to = new Date(Date.now() + windowHours * 3600_000).toISOString();
  const nexts = await Promise.all(
    chosen.map((v) =>
      api.get<Page<NextDeparture>>(`/api/v1/vehicles/${encodeURIComponent(v.id)}/next-departures`, { to })
        .then((p) => p.items[0] ?? null, () => null)),
  );
  return {
    departures: new Map(chosen.map((v, i) => [v.id, nexts[i]])),
    charging: new Set(active.items.map((s) => s.vehicleId).filter((id): id is string => !!id)),
    total: vehicles.items.length,
  };
}

/** The fleet's next day: who leaves, and whether they are charging now (no SoC is reported, so no "ready"). */
export function FleetPanel() {
  const fleet = useFetch(loadFleet, 'fleet');
  return (
    <section className="panel fleet" aria-labelledby="fleet-title">
      <header className="panel-head">
        <h2 id="fleet-title">Departures, next {windowHours} h</h2>
        <Link className="small" to="/vehicles">Vehicles →</Link>
      </header>
      {fleet.loading && !fleet.data && <Loading />}
      {fleet.error && <ErrorState error={fleet.error} onRetry={fleet.reload} />}
      {fleet.data && <FleetFigures data={fleet.data} />}
    </section>
  );
}

function FleetFigures({ data }: { data: FleetData }) {
  if (data.total === 0) return <p className="muted">No vehicles yet. Add them under <Link to="/vehicles">Vehicles</Link>.</p>;
  const o = departureOutlook(data.departures, data.charging, Date.now(), windowHours * 3600_000);
  return (
    <>
      <dl className="figures">
        <div><dt>Leaving</dt><dd>{o.leavingSoon}</dd></div>
        <div className={o.leavingSoonCharging ? 'tone-active' : ''}><dt>Charging now</dt><dd>{o.leavingSoonCharging}</dd></div>
        <div className={o.leavingSoonNotCharging ? 'tone-warn' : ''}><dt>Not charging</dt><dd>{o.leavingSoonNotCharging}</dd></div>
        <div><dt>No departure planned</dt><dd>{o.noDeparture}</dd></div>
      </dl>
      <p className="muted small">
        Of {data.total} vehicle{data.total === 1 ? '' : 's'}
        {data.total > maxVehicles ? ` (first ${maxVehicles} counted)` : ''}. Vehicles do not report their state of
        charge to Manage, so readiness is shown as whether each leaving vehicle is in a charging session now.
      </p>
    </>
  );
}
