import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { formatKw, formatKwh, formatTime } from '../../format';
import { describeError } from '../../forms/SpecForm';
import { matchField } from '../../forms/fieldError';
import { connectorKey } from '../../live/live';
import { useLive } from '../../live/LiveProvider';
import { chargerLabel, chargerZone, filterZone, formatCost, formatDuration, useLookups, vehicleName, type Lookups } from './lookups';
import { SessionFilters } from './SessionFilters';
import { csvUrl, filterFields, filtersFromSearch, filtersToSearch, listQuery, type SessionFilters as Filters } from './sessionQuery';
import type { Session, SessionPage } from './types';
import '../../forms/forms.css';
import './sessions.css';

const PAGE_SIZE = 50;

interface Pages { items: Session[]; nextCursor: string | null }

/** Every charging session, filtered and sorted, a page at a time, with the CSV of the same. */
export default function SessionList() {
  const [search, setSearch] = useSearchParams();
  const searchText = search.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(searchText)), [searchText]);
  const lookups = useLookups();
  const zone = filterZone(lookups, filters.chargerId);
  const [pages, setPages] = useState<Pages | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  const fetchPage = useCallback(
    (cursor: string | null) => api.get<SessionPage>('/api/v1/sessions', listQuery(filters, zone, PAGE_SIZE, cursor)),
    [filters, zone],
  );

  useEffect(() => {
    // The date filters are read in the sites' time zone: wait for it rather than ask twice.
    if (!lookups.ready) return;
    let live = true;
    setLoading(true);
    setError(null);
    fetchPage(null)
      .then((page) => live && setPages(page))
      .catch((e: ApiError) => { if (live) { setError(e); setPages(null); } })
      .finally(() => live && setLoading(false));
    return () => { live = false; };
  }, [fetchPage, lookups.ready]);

  const loadMore = () => {
    if (!pages?.nextCursor) return;
    setLoading(true);
    fetchPage(pages.nextCursor)
      .then((page) => setPages({ items: [...pages.items, ...page.items], nextCursor: page.nextCursor }))
      .catch((e: ApiError) => setError(e))
      .finally(() => setLoading(false));
  };

  const apply = (next: Filters) => setSearch(filtersToSearch(next));
  const onFilter = error !== null && matchField(error.field, filterFields) !== undefined;

  return (
    <main className="ss-screen">
      <header className="ss-head">
        <h1 className="ss-title">Sessions</h1>
        <a className="fm-button" href={csvUrl(filters, zone)} download="sessions.csv">Export CSV</a>
      </header>
      <SessionFilters filters={filters} lookups={lookups} error={onFilter ? error : null} timeZone={zone} onApply={apply} />
      {error && !onFilter && <div className="fm-banner" role="alert">Cannot load the sessions: {describeError(error)}</div>}
      {!pages && loading && <p className="fm-empty" role="status">Loading sessions…</p>}
      {pages && pages.items.length === 0 && (
        <p className="fm-empty">No sessions match these filters.</p>
      )}
      {pages && pages.items.length > 0 && (
        <>
          <SessionTable sessions={pages.items} lookups={lookups} sort={filters.sort} onSort={(sort) => apply({ ...filters, sort })} />
          <div className="ss-more">
            <span className="fm-muted" aria-live="polite">
              {pages.items.length} session{pages.items.length === 1 ? '' : 's'} shown{pages.nextCursor ? ', more to load' : ''}
            </span>
            {pages.nextCursor && (
              <button type="button" className="fm-button" onClick={loadMore} disabled={loading}>
                {loading ? 'Loading…' : 'Load more'}
              </button>
            )}
          </div>
        </>
      )}
    </main>
  );
}

/** A column header that sorts by its column, newest or largest first, then the other way. */
function SortHeader({ label, field, sort, onSort, numeric }: {
  label: string; field: 'startedAt' | 'energyWh'; sort: string; onSort: (sort: string) => void; numeric?: boolean;
}) {
  const direction = sort === `-${field}` ? 'descending' : sort === field ? 'ascending' : undefined;
  const next = direction === 'descending' ? field : `-${field}`;
  return (
    <th scope="col" className={numeric ? 'fm-num' : undefined} aria-sort={direction ?? 'none'}>
      <button type="button" className="ss-sort" onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true" className="ss-sort-mark">{direction === 'descending' ? '↓' : direction === 'ascending' ? '↑' : '↕'}</span>
      </button>
    </th>
  );
}

function SessionTable({ sessions, lookups, sort, onSort }: {
  sessions: Session[]; lookups: Lookups; sort: string; onSort: (sort: string) => void;
}) {
  const { state } = useLive();
  // What an active session draws now, from the live stream (its energy is only known once it stops).
  const powerNow = (s: Session) => (s.status === 'active' ? (state.connectors[connectorKey(s)]?.powerW ?? 0) : 0);
  return (
    <div className="fm-table-wrap">
      <table className="fm-table ss-table">
        <caption className="fm-visually-hidden">Sessions</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <SortHeader label="Started" field="startedAt" sort={sort} onSort={onSort} />
            <th scope="col" className="fm-num ss-wide">Duration</th>
            <th scope="col">Charger</th>
            <th scope="col" className="ss-wide">ID tag</th>
            <th scope="col">Vehicle</th>
            <SortHeader label="Energy" field="energyWh" sort={sort} onSort={onSort} numeric />
            <th scope="col" className="fm-num">Cost</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.transactionId}>
              <th scope="row"><Link to={`/sessions/${s.transactionId}`} aria-label={`Session ${s.transactionId}`}>#{s.transactionId}</Link></th>
              <td><time dateTime={s.startedAt}>{formatTime(s.startedAt, chargerZone(lookups, s.chargerId))}</time></td>
              <td className="fm-num ss-wide">{s.status === 'active' ? <span className="fm-muted">running</span> : formatDuration(s.durationS)}</td>
              <td>{chargerLabel(lookups, s.chargerId)}<span className="fm-muted"> · {s.connectorId}</span></td>
              <td className="ss-mono ss-wide">{s.idTag ?? '—'}</td>
              <td>{vehicleName(lookups, s.vehicleId) ?? <span className="fm-muted">—</span>}</td>
              <td className="fm-num">{formatKwh(s.energyWh)}</td>
              <td className="fm-num">{formatCost(s.cost)}</td>
              <td>
                <span className={`fm-badge fm-badge-${s.status}`}>{s.status === 'active' ? 'Active' : 'Stopped'}</span>
                {powerNow(s) > 0 && <span className="fm-small"> {formatKw(powerNow(s) / 1000)}</span>}
                {s.stopReason && <span className="fm-muted fm-small ss-wide"> {s.stopReason}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
