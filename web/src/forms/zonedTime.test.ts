import { isoToLocalInput, localInputToIso } from './zonedTime';

describe('zoned times', () => {
  it('reads a wall time in the named zone, daylight saving included', () => {
    expect(localInputToIso('2026-11-28T06:45', 'Europe/Amsterdam')).toBe('2026-11-28T05:45:00.000Z');
    expect(localInputToIso('2026-07-01T06:45', 'Europe/Amsterdam')).toBe('2026-07-01T04:45:00.000Z');
    expect(localInputToIso('2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
    expect(localInputToIso('2026-11-28T06:45', 'UTC')).toBe('2026-11-28T06:45:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(localInputToIso('', 'UTC')).toBe('');
    expect(localInputToIso('tomorrow', 'UTC')).toBe('');
  });

  it('round-trips', () => {
    expect(isoToLocalInput('2026-11-28T05:45:00.000Z', 'Europe/Amsterdam')).toBe('2026-11-28T06:45');
    expect(isoToLocalInput('2026-03-29T01:30:00.000Z', 'Europe/Amsterdam')).toBe('2026-03-29T03:30');
    expect(isoToLocalInput(null, 'UTC')).toBe('');
  });
});
