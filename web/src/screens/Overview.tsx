import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useFetch } from '../components/useFetch';
import { useLive } from '../live/LiveProvider';
import { chargerView, unknownLiveChargers } from './chargers/chargerStatus';
import type { Charger, Page } from './chargers/types';
import { FleetPanel } from './overview/FleetPanel';
import { SitePanel } from './overview/SitePanel';
import type { Site } from './overview/types';
import { UnplacedPanel } from './overview/UnplacedPanel';

async function loadDepots() {
  const [sites, chargers] = await Promise.all([
    api.get<Page<Site>>('/api/v1/sites'),
    api.get<Page<Charger>>('/api/v1/chargers'),
  ]);
  return { sites: sites.items, chargers: chargers.items };
}

/** The depots at a glance: one panel per site, the fleet's departures, and chargers placed nowhere. */
export default function Overview() {
  const { state: live } = useLive();
  const depots = useFetch(loadDepots, 'depots');
  const newcomers = depots.data ? unknownLiveChargers(depots.data.chargers, live).join(',') : '';
  const { reload } = depots;
  useEffect(() => {
    if (newcomers) reload();
  }, [newcomers, reload]);

  return (
    <main className="page">
      <div className="page-head">
        <h1>Overview</h1>
      </div>
      {depots.loading && !depots.data && <Loading />}
      {depots.error && !depots.data && <ErrorState error={depots.error} onRetry={depots.reload} />}
      {depots.data && <Depots sites={depots.data.sites} chargers={depots.data.chargers} />}
    </main>
  );
}

function Depots({ sites, chargers }: { sites: Site[]; chargers: Charger[] }) {
  const { state: live } = useLive();
  const views = chargers.map((c) => chargerView(c, live));
  const siteIds = new Set(sites.map((s) => s.id));
  const unplaced = views.filter((v) => !v.siteId || !siteIds.has(v.siteId));
  return (
    <div className="overview-grid">
      <div className="overview-main">
      {sites.length === 0 && (
        <section className="panel">
          <EmptyState title="No sites yet">
            <p>
              A site is a depot with its grid limit. Create one in <Link to="/settings">Settings</Link>, then place
              chargers in it to see its power here.
            </p>
          </EmptyState>
        </section>
      )}
      {sites.map((site) => (
        <SitePanel key={site.id} site={site} chargers={views.filter((v) => v.siteId === site.id)} />
      ))}
      </div>
      <aside className="overview-side">
        <FleetPanel />
        {unplaced.length > 0 && <UnplacedPanel chargers={unplaced} />}
      </aside>
    </div>
  );
}
