// The sessions screen keeps its filters in the page's URL (so a filtered list can be linked and
// survives reload) and turns them into the API's query: the same for the list and the CSV export.
import { localInputToIso } from '../../forms/zonedTime';

export const sorts = [
  { value: '-startedAt', label: 'Newest first' },
  { value: 'startedAt', label: 'Oldest first' },
  { value: '-energyWh', label: 'Most energy' },
  { value: 'energyWh', label: 'Least energy' },
] as const;

export const defaultSort = '-startedAt';

export interface SessionFilters {
  chargerId: string;
  status: '' | 'active' | 'stopped';
  idTag: string;
  vehicleId: string;
  /** Days as `YYYY-MM-DD`, both included, read in the filter's time zone. */
  from: string;
  to: string;
  sort: string;
}

export const noFilters: SessionFilters = { chargerId: '', status: '', idTag: '', vehicleId: '', from: '', to: '', sort: defaultSort };

const keys = ['chargerId', 'status', 'idTag', 'vehicleId', 'from', 'to', 'sort'] as const;

/** The filter inputs' names: the API's `field` for a refused parameter. */
export const filterFields: readonly string[] = keys;

export function filtersFromSearch(search: URLSearchParams): SessionFilters {
  const status = search.get('status');
  const sort = search.get('sort');
  return {
    chargerId: search.get('chargerId') ?? '',
    status: status === 'active' || status === 'stopped' ? status : '',
    idTag: search.get('idTag') ?? '',
    vehicleId: search.get('vehicleId') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    sort: sorts.some((s) => s.value === sort) ? (sort as string) : defaultSort,
  };
}

/** The page's search: only what differs from no filter, so plain /sessions stays plain. */
export function filtersToSearch(filters: SessionFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of keys) {
    const value = filters[key].trim();
    if (value && !(key === 'sort' && value === defaultSort)) search.set(key, value);
  }
  return search;
}

/**
 * The API's parameters. `from` is the start of its day; `to` the start of the day after, since
 * the API's `to` is exclusive and people mean the whole last day.
 */
export function apiQuery(filters: SessionFilters, timeZone?: string | null): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of ['chargerId', 'status', 'idTag', 'vehicleId'] as const) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  if (filters.from) query.from = localInputToIso(filters.from, timeZone) || filters.from;
  if (filters.to) query.to = localInputToIso(nextDay(filters.to), timeZone) || filters.to;
  query.sort = filters.sort || defaultSort;
  return query;
}

function nextDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  return date.toISOString().slice(0, 10);
}

/** The CSV export of exactly the sessions the list shows (every page of them). */
export function csvUrl(filters: SessionFilters, timeZone?: string | null): string {
  return `/api/v1/sessions.csv?${new URLSearchParams(apiQuery(filters, timeZone)).toString()}`;
}

/** The list's page request. */
export function listQuery(filters: SessionFilters, timeZone: string | null | undefined, limit: number, cursor?: string | null) {
  const query: Record<string, string | number> = { ...apiQuery(filters, timeZone), limit };
  if (cursor) query.cursor = cursor;
  return query;
}
