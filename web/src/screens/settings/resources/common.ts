import { api, ApiError } from '../../../api/client';
import type { Option } from '../../../forms/spec';
import { optionsFrom, type Lookups } from '../resource';

export interface Site { id: string; name: string; timezone: string }
export interface LoadGroupRef { id: string; name: string; siteId: string }
export interface FleetRef { id: string; name: string }
export interface VehicleRef { id: string; name: string; timezone: string }

export const noneOption: Option = { value: '', label: '—' };

export const siteOptions = () => optionsFrom<Site>('/api/v1/sites', (s) => ({ value: s.id, label: s.name }));
export const fleetOptions = () => optionsFrom<FleetRef>('/api/v1/fleets', (f) => ({ value: f.id, label: f.name }));
export const tariffOptions = () => optionsFrom<{ id: string; name: string }>('/api/v1/tariffs', (t) => ({ value: t.id, label: t.name }));

/** Sites, and each site's load groups under `groups:<siteId>`, for placing chargers and nesting groups. */
export async function sitesWithGroups(): Promise<Lookups> {
  const sites = (await api.get<{ items: Site[] }>('/api/v1/sites')).items;
  const lookups: Lookups = {
    sites: sites.map((s) => ({ value: s.id, label: s.name })),
    siteZones: sites.map((s) => ({ value: s.id, label: s.timezone })),
  };
  const groups = await Promise.all(
    sites.map((s) => api.get<{ items: LoadGroupRef[] }>(`/api/v1/sites/${encodeURIComponent(s.id)}/load-groups`)),
  );
  sites.forEach((s, i) => {
    lookups[`groups:${s.id}`] = groups[i].items.map((g) => ({ value: g.id, label: g.name }));
  });
  return lookups;
}

export const roleOptions: Option[] = [
  { value: 'viewer', label: 'Viewer (reads)' },
  { value: 'operator', label: 'Operator (writes most)' },
  { value: 'admin', label: 'Admin (everything)' },
];

export function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim();
}

export function formatNumber(n: number | null | undefined, unit: string): string {
  return n === null || n === undefined ? '—' : `${Number.isInteger(n) ? n : n.toFixed(2)} ${unit}`;
}

export const timezoneHint = 'IANA time zone, e.g. Europe/Amsterdam';

/**
 * An id that goes in the URL (PUT /tariffs/{id}) must be there before the request, else the API
 * answers for another route; this says so next to its input, as the API would.
 */
export function requireId(value: unknown, field: string, what: string): string {
  const id = str(value);
  if (!id) throw new ApiError(422, 'missing_field', `Enter the ${what}.`, field);
  return id;
}
