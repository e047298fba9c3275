import { expect, test } from 'vitest';
import { formatKwh, formatTime } from './format';

test('a time is shown in the time zone asked for', () => {
  expect(formatTime('2026-11-26T18:00:00.000Z', 'Europe/Amsterdam')).toBe('26/11/2026, 19:00:00');
  expect(formatTime('2026-07-01T18:00:00.000Z', 'Europe/Amsterdam')).toBe('01/07/2026, 20:00:00');
  expect(formatTime(null)).toBe('—');
});

test('energy in Wh is shown in kWh', () => {
  expect(formatKwh(22500)).toBe('22.50 kWh');
});
