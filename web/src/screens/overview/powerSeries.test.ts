import { expect, test } from 'vitest';
import { appendLive, chartColumns, historyPoints, mergePowerPoints } from './powerSeries';

const hour = 3600_000;
const now = 10 * hour;

test('live points after the history follow it; older live points are dropped', () => {
  const history = [{ atMs: now - 2 * hour, powerKw: 50 }, { atMs: now - hour, powerKw: 60 }];
  const live = [{ atMs: now - 1.5 * hour, powerKw: 99 }, { atMs: now - 0.5 * hour, powerKw: 70 }];
  expect(mergePowerPoints(history, live, now).map((p) => p.powerKw)).toEqual([50, 60, 70, 70]);
});

test('the last value is held up to now, and points before the window go', () => {
  const points = mergePowerPoints([{ atMs: now - 7 * hour, powerKw: 1 }], [{ atMs: now - hour, powerKw: 20 }], now);
  expect(points).toEqual([{ atMs: now - hour, powerKw: 20 }, { atMs: now, powerKw: 20 }]);
  expect(mergePowerPoints([], [], now)).toEqual([]);
});

test('a live point a moment after the chart clock is kept, not lost', () => {
  expect(mergePowerPoints([], [{ atMs: now + 500, powerKw: 5 }], now)).toEqual([{ atMs: now + 500, powerKw: 5 }]);
});

test('columns are seconds, power and a flat limit, led by the window start', () => {
  const cols = chartColumns([{ atMs: 2000, powerKw: 5 }], 400, 1000);
  expect(cols).toEqual([[1, 2], [null, 5], [400, 400]]);
  expect(chartColumns([{ atMs: 2000, powerKw: 5 }], null)).toEqual([[2], [5], [null]]);
});

test('history items with bad times are skipped', () => {
  expect(historyPoints([{ at: 'nope', powerKw: 1 }, { at: '1970-01-01T00:00:01Z', powerKw: 2 }])).toEqual([{ atMs: 1000, powerKw: 2 }]);
});

test('a repeat of the same value within a second is not appended', () => {
  const trail = appendLive([], { atMs: 0, powerKw: 5 });
  expect(appendLive(trail, { atMs: 500, powerKw: 5 })).toBe(trail);
  expect(appendLive(trail, { atMs: 500, powerKw: 6 })).toHaveLength(2);
  expect(appendLive([{ atMs: 0, powerKw: 1 }, { atMs: 2000, powerKw: 2 }], { atMs: 4000, powerKw: 3 }, 2).map((p) => p.powerKw)).toEqual([2, 3]);
});
