import { apiQuery, csvUrl, filtersFromSearch, filtersToSearch, listQuery, noFilters } from './sessionQuery';

describe('session filters in the URL', () => {
  it('round-trip, leaving out what is empty or the default sort', () => {
    const filters = { ...noFilters, chargerId: 'CP-1', status: 'stopped' as const, from: '2026-11-01' };
    const search = filtersToSearch(filters);
    expect(search.toString()).toBe('chargerId=CP-1&status=stopped&from=2026-11-01');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersToSearch(noFilters).toString()).toBe('');
  });

  it('ignore a status or sort the API does not know', () => {
    const filters = filtersFromSearch(new URLSearchParams('status=paused&sort=-cost'));
    expect(filters.status).toBe('');
    expect(filters.sort).toBe('-startedAt');
  });
});

describe('apiQuery', () => {
  it('reads days in the time zone, the last day included', () => {
    const query = apiQuery({ ...noFilters, from: '2026-11-01', to: '2026-11-30' }, 'Europe/Amsterdam');
    expect(query.from).toBe('2026-10-31T23:00:00.000Z');
    expect(query.to).toBe('2026-11-30T23:00:00.000Z');
  });

  it('crosses a month and a daylight saving change', () => {
    const query = apiQuery({ ...noFilters, from: '2026-03-29', to: '2026-03-31' }, 'Europe/Amsterdam');
    expect(query.from).toBe('2026-03-28T23:00:00.000Z');
    expect(query.to).toBe('2026-03-31T22:00:00.000Z');
  });

  it('sends only the filters set, trimmed, and always the sort', () => {
    expect(apiQuery({ ...noFilters, idTag: ' 04A2 ', sort: '-energyWh' }, 'UTC')).toEqual({ idTag: '04A2', sort: '-energyWh' });
  });
});

describe('csvUrl and listQuery', () => {
  const filters = { ...noFilters, chargerId: 'CP 1/A', vehicleId: 'v-9', from: '2026-11-27' };

  it('export what the list shows, encoded, without paging', () => {
    const url = csvUrl(filters, 'UTC');
    expect(url).toBe('/api/v1/sessions.csv?chargerId=CP+1%2FA&vehicleId=v-9&from=2026-11-27T00%3A00%3A00.000Z&sort=-startedAt');
    expect(url).not.toContain('limit');
    expect(url).not.toContain('cursor');
  });

  it('page with limit and the cursor the API gave', () => {
    expect(listQuery(filters, 'UTC', 50)).toEqual({ ...apiQuery(filters, 'UTC'), limit: 50 });
    expect(listQuery(filters, 'UTC', 50, 'abc').cursor).toBe('abc');
  });
});
