// Sites and their electrical tree (docs/api.md: Sites (depots) and load groups).

export interface Site {
  id: string; name: string; timezone: string; gridLimitKw: number;
  address?: { line1: string; line2: string | null; postcode: string | null; city: string; country: string };
}

export interface TreeNode {
  id: string; kind: 'site' | 'subBoard' | 'feeder' | 'chargerGroup'; name: string;
  limitKwNow: number | null;
  chargers: { id: string; maxPowerKw: number | null; phases: number | null }[];
  children: TreeNode[];
}

export interface PowerHistory { items: { at: string; powerKw: number }[]; limitKw: number | null }

export interface Vehicle { id: string; name: string; fleetId: string; batteryKwh: number; targetSoc: number }
export interface NextDeparture { departureId: string; name: string | null; at: string; energyKwh: number | null; soc: number | null }
