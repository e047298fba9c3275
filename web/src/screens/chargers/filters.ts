import type { ChargerState, ChargerView } from './chargerStatus';

/** The list's filters, as they appear in the URL (`?site=<id>|none&status=<state>`). */
export interface ChargerFilter { site: string; status: string }

export function applyChargerFilter(views: ChargerView[], filter: ChargerFilter): ChargerView[] {
  return views.filter((v) => {
    if (filter.site === 'none' && v.siteId) return false;
    if (filter.site && filter.site !== 'none' && v.siteId !== filter.site) return false;
    if (filter.status && v.state !== (filter.status as ChargerState)) return false;
    return true;
  });
}
