// Names and time zones for the ids sessions carry: chargers (and through them, sites) and vehicles.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';

export interface ChargerInfo { id: string; name: string | null; siteId: string | null }
export interface SiteInfo { id: string; name: string; timezone: string }
export interface VehicleInfo { id: string; name: string; timezone: string }

export interface Lookups {
  chargers: ChargerInfo[];
  sites: SiteInfo[];
  vehicles: VehicleInfo[];
  /** False until the first answers came (or failed): time zones are not known before. */
  ready: boolean;
}

export const emptyLookups: Lookups = { chargers: [], sites: [], vehicles: [], ready: false };

/** Loaded once per screen; a failure leaves ids unnamed rather than blocking the list. */
export function useLookups(): Lookups {
  const [lookups, setLookups] = useState<Lookups>(emptyLookups);
  useEffect(() => {
    let live = true;
    const items = <T,>(path: string) => api.get<{ items: T[] }>(path).then((r) => r.items).catch(() => [] as T[]);
    Promise.all([items<ChargerInfo>('/api/v1/chargers'), items<SiteInfo>('/api/v1/sites'), items<VehicleInfo>('/api/v1/vehicles')])
      .then(([chargers, sites, vehicles]) => live && setLookups({ chargers, sites, vehicles, ready: true }));
    return () => { live = false; };
  }, []);
  return lookups;
}

/** The time zone of the charger's site, or undefined (the browser's) when it is in none. */
export function chargerZone(lookups: Lookups, chargerId: string): string | undefined {
  const siteId = lookups.chargers.find((c) => c.id === chargerId)?.siteId;
  return lookups.sites.find((s) => s.id === siteId)?.timezone;
}

/**
 * The zone the date filters are read in: the chosen charger's site, else the one zone every site
 * shares, else the browser's.
 */
export function filterZone(lookups: Lookups, chargerId: string): string | undefined {
  if (chargerId) return chargerZone(lookups, chargerId);
  const zones = new Set(lookups.sites.map((s) => s.timezone));
  return zones.size === 1 ? [...zones][0] : undefined;
}

export function chargerLabel(lookups: Lookups, chargerId: string): string {
  const name = lookups.chargers.find((c) => c.id === chargerId)?.name;
  return name ? `${name} (${chargerId})` : chargerId;
}

export function vehicleName(lookups: Lookups, vehicleId: string | null): string | null {
  if (!vehicleId) return null;
  return lookups.vehicles.find((v) => v.id === vehicleId)?.name ?? (lookups.vehicles.length ? 'Deleted vehicle' : vehicleId.slice(0, 8));
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

export function formatCost(cost: { amount: number; currency: string } | null | undefined): string {
  if (!cost) return '—';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: cost.currency }).format(cost.amount);
  } catch {
    return `${cost.amount.toFixed(2)} ${cost.currency}`;
  }
}
