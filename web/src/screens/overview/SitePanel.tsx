import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { PowerBar } from '../../components/PowerBar';
import { formatKw } from '../../format';
import { useFetch } from '../../components/useFetch';
import { useLive } from '../../live/LiveProvider';
import type { ChargerView } from '../chargers/chargerStatus';
import { PowerChart } from './PowerChart';
import { chartHoursBack, historyPoints, mergePowerPoints } from './powerSeries';
import { StatusCounts } from './StatusCounts';
import { kindLabel, loadGroupRows } from './tree';
import type { PowerHistory, Site, TreeNode } from './types';
import { useNow, usePowerTrail } from './usePowerTrail';

const stepS = 120;

/** One depot: its power against the grid limit, the last hours, its load groups and its chargers by state. */
export function SitePanel({ site, chargers }: { site: Site; chargers: ChargerView[] }) {
  const { state: live } = useLive();
  const liveSite = live.sites[site.id];
  const powerKw = liveSite?.powerKw ?? 0;
  const now = useNow();
  const trail = usePowerTrail(liveSite?.powerKw);
  const tree = useFetch(() => api.get<TreeNode>(`/api/v1/sites/${encodeURIComponent(site.id)}/tree`), site.id);
  const history = useFetch(() => loadHistory(site.id), site.id);
  const limitKw = liveSite?.limitKwNow ?? history.data?.limitKw ?? site.gridLimitKw;
  const points = useMemo(
    () => mergePowerPoints(historyPoints(history.data?.items ?? []), trail, now),
    [history.data, trail, now],
  );
  const groups = tree.data ? loadGroupRows(tree.data, live) : [];
  const headingId = `site-${site.id}`;
  const hasHistory = (history.data?.items.length ?? 0) > 0;

  return (
    <section className="panel site" aria-labelledby={headingId}>
      <header className="panel-head">
        <div>
          <h2 id={headingId}>{site.name}</h2>
          <p className="muted small">
            {[site.address?.city, site.address?.country].filter(Boolean).join(', ')} · {site.timezone}
          </p>
        </div>
        <Link className="small" to={`/chargers?site=${encodeURIComponent(site.id)}`}>
          {chargers.length} charger{chargers.length === 1 ? '' : 's'} →
        </Link>
      </header>

      <PowerBar size="large" caption="Power now" label={`${site.name} power now`} powerKw={powerKw} limitKw={limitKw} />

      <div className="chart-block">
        <div className="chart-caption small muted">
          <span>Last {chartHoursBack} hours{hasHistory ? '' : ' · since this page opened'}</span>
          <span className="legend">
            <span className="legend-power">Power</span> <span className="legend-limit">Grid limit</span>
          </span>
        </div>
        <PowerChart points={points} limitKw={limitKw} timeZone={site.timezone} windowStartMs={now - chartHoursBack * 3600_000}
          label={`${site.name} power over the last ${chartHoursBack} hours, now ${powerKw.toFixed(1)} kW`} />
      </div>

      <div className="site-split">
        <div>
          <h3>Load groups</h3>
          {tree.error && <p className="muted small" role="alert">Load groups unavailable: {tree.error.message}</p>}
          {!tree.error && tree.data && groups.length === 0 && <p className="muted small">No load groups in this site.</p>}
          {groups.length > 0 && (
            <ul className="groups">
              {groups.map((g) => (
                <li key={g.id} style={{ paddingInlineStart: `${g.depth * 14}px` }}>
                  <PowerBar label={`${g.name}`} powerKw={g.powerKw} limitKw={g.limitKw} />
                  <span className="sr-only">{kindLabel[g.kind] ?? g.kind}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Chargers</h3>
          <StatusCounts chargers={chargers} siteId={site.id} label={`${site.name} chargers by status`} />
          <TopDrawers chargers={chargers} siteName={site.name} />
        </div>
      </div>
    </section>
  );
}

/** The chargers drawing the most power now: where the site's load is. */
function TopDrawers({ chargers, siteName }: { chargers: ChargerView[]; siteName: string }) {
  const drawing = chargers.filter((c) => c.powerW > 0).sort((a, b) => b.powerW - a.powerW);
  if (drawing.length === 0) return null;
  return (
    <ul className="mini-list" aria-label={`${siteName} chargers drawing power`}>
      {drawing.slice(0, 5).map((c) => (
        <li key={c.id}>
          <Link to={`/chargers/${encodeURIComponent(c.id)}`}>{c.name ? `${c.name} · ${c.id}` : c.id}</Link>
          <span className="small">{formatKw(c.powerW / 1000)}</span>
        </li>
      ))}
      {drawing.length > 5 && <li className="muted small">and {drawing.length - 5} more</li>}
    </ul>
  );
}

// The history endpoint may not exist on an older server (404): the chart then starts from live values.
async function loadHistory(siteId: string): Promise<PowerHistory> {
  const to = new Date();
  const from = new Date(to.getTime() - chartHoursBack * 3600_000);
  try {
    return await api.get<PowerHistory>(`/api/v1/sites/${encodeURIComponent(siteId)}/power`, {
      from: from.toISOString(), to: to.toISOString(), stepS,
    });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 422)) return { items: [], limitKw: null };
    throw error;
  }
}
