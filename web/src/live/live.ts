// The live state of the organisation's depots, kept current from GET /api/v1/stream: a snapshot,
// then one event per changed charger, connector, load group or site (docs/api.md, "Live state").

export interface LiveCharger { id: string; online: boolean; status: string | null; lastSeen: string | null }
export interface LiveConnector {
  chargerId: string; evseId: number; connectorId: number; status: string | null; powerW: number; updatedAt: string | null;
}
export interface LiveLoadGroup { id: string; siteId: string; powerKw: number; limitKwNow: number | null }
export interface LiveSite { id: string; powerKw: number; limitKwNow: number | null }

export interface LiveState {
  sequence: number;
  chargers: Record<string, LiveCharger>;
  connectors: Record<string, LiveConnector>; // by connectorKey()
  loadGroups: Record<string, LiveLoadGroup>;
  sites: Record<string, LiveSite>;
}

export const emptyLive: LiveState = { sequence: 0, chargers: {}, connectors: {}, loadGroups: {}, sites: {} };

export function connectorKey(c: { chargerId: string; evseId: number; connectorId: number }): string {
  return `${c.chargerId}/${c.evseId}/${c.connectorId}`;
}

function byKey<T>(items: T[], key: (item: T) => string): Record<string, T> {
  return Object.fromEntries(items.map((item) => [key(item), item]));
}

export interface Snapshot {
  sequence: number; chargers: LiveCharger[]; connectors: LiveConnector[]; loadGroups: LiveLoadGroup[]; sites: LiveSite[];
}

export function fromSnapshot(s: Snapshot): LiveState {
  return {
    sequence: s.sequence,
    chargers: byKey(s.chargers, (c) => c.id),
    connectors: byKey(s.connectors, connectorKey),
    loadGroups: byKey(s.loadGroups, (g) => g.id),
    sites: byKey(s.sites, (x) => x.id),
  };
}

export type LiveEvent =
  | { type: 'snapshot'; data: Snapshot }
  | { type: 'charger'; data: LiveCharger; id: number }
  | { type: 'connector'; data: LiveConnector; id: number }
  | { type: 'loadGroup'; data: LiveLoadGroup; id: number }
  | { type: 'site'; data: LiveSite; id: number };

/** Pure: the state after one event of the stream. */
export function applyLiveEvent(state: LiveState, event: LiveEvent): LiveState {
  switch (event.type) {
    case 'snapshot':
      return fromSnapshot(event.data);
    case 'charger':
      return { ...state, sequence: event.id, chargers: { ...state.chargers, [event.data.id]: event.data } };
    case 'connector':
      return { ...state, sequence: event.id, connectors: { ...state.connectors, [connectorKey(event.data)]: event.data } };
    case 'loadGroup':
      return { ...state, sequence: event.id, loadGroups: { ...state.loadGroups, [event.data.id]: event.data } };
    case 'site':
      return { ...state, sequence: event.id, sites: { ...state.sites, [event.data.id]: event.data } };
  }
}
