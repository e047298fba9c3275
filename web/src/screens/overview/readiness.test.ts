import { expect, test } from 'vitest';
import { departureOutlook } from './readiness';
import type { NextDeparture } from './types';

const dep = (at: string): NextDeparture => ({ departureId: 'd', name: null, at, energyKwh: null, soc: 80 });

test('counts vehicles leaving within the window and whether each is charging', () => {
  const now = Date.parse('2026-11-28T00:00:00Z');
  const departures = new Map<string, NextDeparture | null>([
    ['a', dep('2026-11-28T06:00:00Z')],
    ['b', dep('2026-11-28T07:00:00Z')],
    ['c', dep('2026-11-30T07:00:00Z')],
    ['d', null],
  ]);
  expect(departureOutlook(departures, new Set(['a', 'c']), now, 24 * 3600_000)).toEqual({
    vehicles: 4, leavingSoon: 2, leavingSoonCharging: 1, leavingSoonNotCharging: 1, noDeparture: 1,
  });
});
