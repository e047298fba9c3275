// What the vehicles table shows beside each vehicle's own record: the session it is in now, its
// state of charge (only when its charger reports one: vehicles have no SoC of their own) and its
// next departure.
import type { MeterValue, Session } from '../sessions/types';

export interface VehicleRow {
  id: string; fleetId: string; name: string; registration: string | null; batteryKwh: number; targetSoc: number; timezone: string;
}

export interface NextDeparture { departureId: string; kind: string; name: string | null; at: string; energyKwh: number; soc: number }

/** The newest active session of each vehicle. */
export function activeSessionByVehicle(sessions: Session[]): Map<string, Session> {
  const byVehicle = new Map<string, Session>();
  for (const session of sessions) {
    if (session.status !== 'active' || !session.vehicleId) continue;
    const known = byVehicle.get(session.vehicleId);
    if (!known || known.startedAt < session.startedAt) byVehicle.set(session.vehicleId, session);
  }
  return byVehicle;
}

/** The last SoC reading (percent) among meter values, whatever their order; null without one. */
export function latestSoc(values: MeterValue[]): { soc: number; at: string } | null {
  let latest: { soc: number; at: string } | null = null;
  for (const v of values) {
    if (v.measurand !== 'SoC' || v.value === null || !Number.isFinite(v.value)) continue;
    if (!latest || v.timestamp >= latest.at) latest = { soc: v.value, at: v.timestamp };
  }
  return latest;
}

/** Runs `work` on each item with at most `limit` at a time, so a big fleet does not flood the server. */
export async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** “in 6 h 05 min”, “in 2 days”: how long the depot has left to charge. */
export function untilText(iso: string, now = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60000);
  if (minutes <= 0) return 'now';
  if (minutes < 60) return `in ${minutes} min`;
  if (minutes < 48 * 60) return `in ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `in ${Math.round(minutes / 1440)} days`;
}
