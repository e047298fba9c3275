import type { LiveCharger, LiveConnector, LiveState } from '../../live/live';
import type { Charger } from './types';

/** What a charger is doing, in one word, for lists and counts. */
export type ChargerState = 'Available' | 'Charging' | 'Occupied' | 'Faulted' | 'Unavailable' | 'Offline' | 'Unknown';

export const chargerStates: ChargerState[] = ['Available', 'Charging', 'Occupied', 'Faulted', 'Unavailable', 'Offline', 'Unknown'];

const charging = new Set(['Charging']);
const occupied = new Set(['Preparing', 'Finishing', 'SuspendedEV', 'SuspendedEVSE', 'Occupied', 'Reserved']);

/**
 * One state from the charger's own status and its connectors': offline wins (nothing it says is
 * current), then a fault anywhere, then the busiest connector, then its own status.
 */
export function chargerState(online: boolean, ownStatus: string | null | undefined, connectorStatuses: (string | null | undefined)[]): ChargerState {
  if (!online) return 'Offline';
  const all = [ownStatus, ...connectorStatuses].filter((s): s is string => !!s);
  if (all.includes('Faulted')) return 'Faulted';
  if (connectorStatuses.some((s) => s && charging.has(s))) return 'Charging';
  if (connectorStatuses.some((s) => s && occupied.has(s))) return 'Occupied';
  if (ownStatus === 'Unavailable' || (connectorStatuses.length > 0 && connectorStatuses.every((s) => s === 'Unavailable')))
    return 'Unavailable';
  if (all.includes('Available')) return 'Available';
  return 'Unknown';
}

/** The live record of a charger, merged over what the REST list said (the stream is newer). */
export interface ChargerView {
  id: string; name: string | null; siteId: string | null; online: boolean; status: string | null;
  lastSeen: string | null; state: ChargerState; powerW: number; connectors: LiveConnector[];
}

export function connectorsOf(live: LiveState, chargerId: string): LiveConnector[] {
  return Object.values(live.connectors)
    .filter((c) => c.chargerId === chargerId)
    .sort((a, b) => a.evseId - b.evseId || a.connectorId - b.connectorId);
}

export function chargerView(charger: Charger, live: LiveState): ChargerView {
  const l: LiveCharger | undefined = live.chargers[charger.id];
  const liveConnectors = connectorsOf(live, charger.id);
  const online = l ? l.online : charger.connected;
  const status = l ? l.status : charger.status || null;
  const connectorStatuses = liveConnectors.length > 0
    ? liveConnectors.map((c) => c.status)
    : (charger.connectors ?? []).map((c) => c.status);
  return {
    id: charger.id, name: charger.name, siteId: charger.siteId, online, status,
    lastSeen: l?.lastSeen ?? charger.lastSeen,
    state: chargerState(online, status, connectorStatuses),
    powerW: liveConnectors.reduce((sum, c) => sum + (c.powerW || 0), 0),
    connectors: liveConnectors,
  };
}

/** How many chargers are in each state, every state present (0 when none). */
export function countByState(views: { state: ChargerState }[]): Record<ChargerState, number> {
  const counts = Object.fromEntries(chargerStates.map((s) => [s, 0])) as Record<ChargerState, number>;
  for (const v of views) counts[v.state] += 1;
  return counts;
}

/** Ids the stream knows that the list does not: a charger that booted since the list was read. */
export function unknownLiveChargers(listed: { id: string }[], live: LiveState): string[] {
  const known = new Set(listed.map((c) => c.id));
  return Object.keys(live.chargers).filter((id) => !known.has(id));
}
