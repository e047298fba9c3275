import { expect, test } from 'vitest';
import { emptyLive, fromSnapshot } from '../../live/live';
import { chargerState, chargerView, countByState, unknownLiveChargers } from './chargerStatus';
import type { Charger } from './types';

test('offline wins over anything the charger last said', () => {
  expect(chargerState(false, 'Faulted', ['Charging'])).toBe('Offline');
});

test('a fault on any connector makes the charger faulted, before charging', () => {
  expect(chargerState(true, 'Available', ['Charging', 'Faulted'])).toBe('Faulted');
  expect(chargerState(true, 'Faulted', [])).toBe('Faulted');
});

test('the busiest connector decides: charging, then occupied (1.6 and 2.0.1 spellings)', () => {
  expect(chargerState(true, 'Available', ['Available', 'Charging'])).toBe('Charging');
  expect(chargerState(true, 'Available', ['SuspendedEV', 'Available'])).toBe('Occupied');
  expect(chargerState(true, null, ['Occupied'])).toBe('Occupied');
});

test('unavailable when the charger says so or every connector is', () => {
  expect(chargerState(true, 'Unavailable', ['Available'])).toBe('Unavailable');
  expect(chargerState(true, null, ['Unavailable', 'Unavailable'])).toBe('Unavailable');
  expect(chargerState(true, null, ['Unavailable', 'Available'])).toBe('Available');
  expect(chargerState(true, null, [])).toBe('Unknown');
});

test('counts every state, zero included', () => {
  const counts = countByState([{ state: 'Charging' }, { state: 'Charging' }, { state: 'Offline' }]);
  expect(counts).toMatchObject({ Charging: 2, Offline: 1, Available: 0, Faulted: 0 });
});

const charger: Charger = {
  id: 'CP-1', registrationStatus: 'Accepted', vendor: '', model: '', firmwareVersion: '', ocppVersion: '1.6',
  connected: false, lastSeen: '2026-11-27T10:00:00Z', lastBootAt: null, status: 'Available',
  connectors: [{ evseId: 1, connectorId: 1, status: 'Available' }],
  name: null, siteId: 's1', loadGroupId: null, maxPowerKw: null, phases: null,
};

test('the live record overrides the list, and power is the sum of its connectors', () => {
  const live = fromSnapshot({
    sequence: 3,
    chargers: [{ id: 'CP-1', online: true, status: 'Available', lastSeen: '2026-11-27T11:00:00Z' }],
    connectors: [
      { chargerId: 'CP-1', evseId: 1, connectorId: 1, status: 'Charging', powerW: 7000, updatedAt: null },
      { chargerId: 'CP-1', evseId: 2, connectorId: 2, status: 'Charging', powerW: 4000, updatedAt: null },
      { chargerId: 'CP-2', evseId: 1, connectorId: 1, status: 'Charging', powerW: 9000, updatedAt: null },
    ],
    loadGroups: [], sites: [],
  });
  const view = chargerView(charger, live);
  expect(view).toMatchObject({ online: true, state: 'Charging', powerW: 11000, lastSeen: '2026-11-27T11:00:00Z' });
  expect(chargerView(charger, emptyLive).state).toBe('Offline');
});

test('chargers the stream knows and the list does not are newcomers', () => {
  const live = fromSnapshot({
    sequence: 1, connectors: [], loadGroups: [], sites: [],
    chargers: [{ id: 'CP-1', online: true, status: null, lastSeen: null }, { id: 'CP-9', online: true, status: null, lastSeen: null }],
  });
  expect(unknownLiveChargers([{ id: 'CP-1' }], live)).toEqual(['CP-9']);
});
