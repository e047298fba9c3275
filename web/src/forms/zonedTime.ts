// <input type="datetime-local"> holds a wall-clock time with no zone; the API wants RFC 3339 UTC.
// These convert between the two in a named IANA zone (a site's or vehicle's), so what an operator
// types is read in the depot's time, not the browser's.

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** `2026-11-28T06:45` in `Europe/Amsterdam` → `2026-11-28T05:45:00.000Z`; '' for an empty or bad input. */
export function localInputToIso(local: string, timeZone?: string | null): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(local.trim());
  if (!match) return '';
  const [, y, mo, d, h = '00', mi = '00'] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  if (!timeZone) return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)).toISOString();
  // The offset at the wall time read as UTC is right except within hours of a change; a second pass fixes that.
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return new Date(utc).toISOString();
}

/** The inverse, for filling a datetime-local input: `YYYY-MM-DDTHH:mm` in the zone. */
export function isoToLocalInput(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const shifted = new Date(ms + (timeZone ? offsetMs(ms, timeZone) : -new Date(ms).getTimezoneOffset() * 60000));
  return shifted.toISOString().slice(0, 16);
}
