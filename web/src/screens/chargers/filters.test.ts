import { expect, test } from 'vitest';
import type { ChargerView } from './chargerStatus';
import { applyChargerFilter } from './filters';

const view = (id: string, siteId: string | null, state: ChargerView['state']): ChargerView => ({
  id, siteId, state, name: null, online: true, status: null, lastSeen: null, powerW: 0, connectors: [],
});
const all = [view('A', 's1', 'Charging'), view('B', 's2', 'Available'), view('C', null, 'Charging')];

test('filters by site, by "no site", and by state together', () => {
  expect(applyChargerFilter(all, { site: '', status: '' }).map((v) => v.id)).toEqual(['A', 'B', 'C']);
  expect(applyChargerFilter(all, { site: 's1', status: '' }).map((v) => v.id)).toEqual(['A']);
  expect(applyChargerFilter(all, { site: 'none', status: '' }).map((v) => v.id)).toEqual(['C']);
  expect(applyChargerFilter(all, { site: '', status: 'Charging' }).map((v) => v.id)).toEqual(['A', 'C']);
  expect(applyChargerFilter(all, { site: 's2', status: 'Charging' })).toEqual([]);
});
