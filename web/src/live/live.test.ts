import { expect, test } from 'vitest';
import { applyLiveEvent, emptyLive } from './live';

test('a snapshot replaces the state and later events update one record each', () => {
  let state = applyLiveEvent(emptyLive, {
    type: 'snapshot',
    data: {
      sequence: 41,
      chargers: [{ id: 'CP-1', online: true, status: 'Available', lastSeen: null }],
      connectors: [{ chargerId: 'CP-1', evseId: 1, connectorId: 1, status: 'Available', powerW: 0, updatedAt: null }],
      loadGroups: [],
      sites: [{ id: 's1', powerKw: 0, limitKwNow: 150 }],
    },
  });
  state = applyLiveEvent(state, {
    type: 'connector', id: 42,
    data: { chargerId: 'CP-1', evseId: 1, connectorId: 1, status: 'Charging', powerW: 7200, updatedAt: null },
  });
  state = applyLiveEvent(state, { type: 'site', id: 42, data: { id: 's1', powerKw: 7.2, limitKwNow: 150 } });
  expect(state.sequence).toBe(42);
  expect(state.connectors['CP-1/1/1'].status).toBe('Charging');
  expect(state.sites.s1.powerKw).toBe(7.2);
  expect(state.chargers['CP-1'].online).toBe(true);
});
