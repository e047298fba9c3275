import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { useFetch } from '../../components/useFetch';
import { formatKw, formatTime } from '../../format';
import { useLive } from '../../live/LiveProvider';
import type { Site } from '../overview/types';
import { chargerStates, chargerView, unknownLiveChargers, type ChargerView } from './chargerStatus';
import { applyChargerFilter } from './filters';
import type { Charger, Page } from './types';

async function loadList() {
  const [chargers, sites] = await Promise.all([
    api.get<Page<Charger>>('/api/v1/chargers'),
    api.get<Page<Site>>('/api/v1/sites'),
  ]);
  return { chargers: chargers.items, sites: sites.items };
}

/** Every charger with its live state; filters live in the URL so the overview can link to them. */
export default function ChargerList() {
  const { state: live } = useLive();
  const [params, setParams] = useSearchParams();
  const filter = { site: params.get('site') ?? '', status: params.get('status') ?? '' };
  const list = useFetch(loadList, 'chargers');
  // A charger that boots for the first time reaches the stream before the list knows it.
  const newcomers = list.data ? unknownLiveChargers(list.data.chargers, live).join(',') : '';
  const { reload } = list;
  useEffect(() => {
    if (newcomers) reload();
  }, [newcomers, reload]);

  const setFilter = (key: 'site' | 'status', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const sites = list.data?.sites ?? [];
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const views = (list.data?.chargers ?? []).map((c) => ({ charger: c, view: chargerView(c, live) }));
  const shown = applyChargerFilter(views.map((v) => v.view), filter);
  const byId = new Map(views.map((v) => [v.charger.id, v.charger]));

  return (
    <main className="page">
      <div className="page-head">
        <h1>Chargers</h1>
        <div className="filters" role="group" aria-label="Filters">
          <label>
            Site
            <select value={filter.site} onChange={(e) => setFilter('site', e.target.value)}>
              <option value="">All sites</option>
              {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              <option value="none">No site</option>
            </select>
          </label>
          <label>
            Status
            <select value={filter.status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">All statuses</option>
              {chargerStates.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
        </div>
      </div>
      {list.loading && !list.data && <Loading />}
      {list.error && !list.data && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.chargers.length === 0 && (
        <EmptyState title="No chargers yet">
          <p>Chargers appear here when they connect to the OCPP endpoint, or once registered in Settings.</p>
        </EmptyState>
      )}
      {list.data && list.data.chargers.length > 0 && shown.length === 0 && (
        <EmptyState title="No charger matches these filters">
          <button type="button" className="button" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            Clear filters
          </button>
        </EmptyState>
      )}
      {shown.length > 0 && <ListSummary views={shown} total={views.length} />}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Chargers</caption>
            <thead>
              <tr>
                <th scope="col">Charger</th>
                <th scope="col">Status</th>
                <th scope="col">Connection</th>
                <th scope="col" className="num">Power</th>
                <th scope="col">Site</th>
                <th scope="col" className="hide-narrow">Vendor / model</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((v) => {
                const c = byId.get(v.id)!;
                const site = v.siteId ? siteById.get(v.siteId) : undefined;
                return (
                  <tr key={v.id}>
                    <th scope="row">
                      <Link to={`/chargers/${encodeURIComponent(v.id)}`}>{v.id}</Link>
                      {v.name && <span className="muted small block">{v.name}</span>}
                    </th>
                    <td><StatusBadge status={v.state} /></td>
                    <td>
                      <span className={v.online ? 'conn conn-on' : 'conn conn-off'}>{v.online ? 'Online' : 'Offline'}</span>
                    </td>
                    <td className="num">{v.powerW > 0 ? formatKw(v.powerW / 1000) : <span className="muted">—</span>}</td>
                    <td>{site?.name ?? <span className="muted">—</span>}</td>
                    <td className="hide-narrow">{[c.vendor, c.model].filter(Boolean).join(' ') || <span className="muted">—</span>}</td>
                    <td className="nowrap" title={site ? `Time in ${site.timezone}` : 'Time in your browser\'s zone'}>
                      {formatTime(v.lastSeen, site?.timezone)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

/** One line over the table: how many are shown, online, charging, and the power they draw. */
function ListSummary({ views, total }: { views: ChargerView[]; total: number }) {
  const online = views.filter((v) => v.online).length;
  const charging = views.filter((v) => v.state === 'Charging').length;
  const faulted = views.filter((v) => v.state === 'Faulted').length;
  const powerKw = views.reduce((sum, v) => sum + v.powerW, 0) / 1000;
  return (
    <p className="list-summary muted">
      {views.length === total ? `${total} charger${total === 1 ? '' : 's'}` : `${views.length} of ${total} chargers`} · {online} online · {charging} charging
      {faulted > 0 && <span className="tone-fault"> · {faulted} faulted</span>} · {formatKw(powerKw)} now
    </p>
  );
}
