import { api, ApiError } from '../../../api/client';
import { SavedThenFailed } from '../../../forms/http';
import { numberOrText, textOrNull, timeZoneNames } from '../../../forms/spec';
import { versionedCollection, type ResourceSpec } from '../resource';
import { formatNumber, str, tariffOptions, timezoneHint } from './common';

export interface SiteRecord {
  id: string; name: string; timezone: string; gridLimitKw: number; version: number;
  address: { line1: string; line2: string | null; postcode: string | null; city: string; country: string };
  /** The tariff billing the site's chargers, read and written apart from the site (operator). */
  tariffId?: string | null;
}

const sites = versionedCollection<SiteRecord>(() => '/api/v1/sites');
const tariffPath = (siteId: string) => `/api/v1/sites/${encodeURIComponent(siteId)}/tariff`;

/** The site's own members go to the site; `tariffId` to its tariff route, only when it changed. */
async function saveTariff(siteId: string, body: unknown, before: string | null | undefined): Promise<string | null> {
  const wanted = (body as { tariffId?: string | null }).tariffId ?? null;
  if (wanted === (before ?? null)) return wanted;
  return (await api.put<{ tariffId: string | null }>(tariffPath(siteId), { tariffId: wanted })).tariffId;
}

function withoutTariff(body: unknown): unknown {
  const { tariffId: _ignored, ...site } = body as Record<string, unknown>;
  return site;
}

export const siteSpec: ResourceSpec<SiteRecord> = {
  key: 'sites', title: 'Sites', singular: 'site', writeRole: 'admin',
  description: 'Depots: their address, time zone and the limit of their grid connection.',
  lookups: async () => ({ tariffs: await tariffOptions() }),
  list: sites.list,
  get: async (id) => {
    const [site, tariff] = await Promise.all([
      sites.get(id, undefined),
      api.get<{ tariffId: string | null }>(tariffPath(id)).catch(() => ({ tariffId: null })),
    ]);
    return { data: { ...site.data, tariffId: tariff.tariffId }, etag: site.etag };
  },
  create: async (body, values) => {
    const site = await sites.create(withoutTariff(body), values, undefined);
    return { ...site, tariffId: await saveTariff(site.id, body, null) };
  },
  update: async (item, body, etag) => {
    const saved = await sites.updateById(item.id, withoutTariff(body), etag, undefined);
    try {
      return { data: { ...saved.data, tariffId: await saveTariff(item.id, body, item.tariffId) }, etag: saved.etag };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new SavedThenFailed(error, { data: { ...saved.data, tariffId: item.tariffId }, etag: saved.etag });
    }
  },
  remove: (item, etag) => sites.removeById(item.id, etag, undefined),
  idOf: (s) => s.id,
  nameOf: (s) => s.name,
  columns: [
    { label: 'City', render: (s) => `${s.address.city}, ${s.address.country}` },
    { label: 'Time zone', render: (s) => s.timezone },
    { label: 'Grid limit', render: (s) => formatNumber(s.gridLimitKw, 'kW'), numeric: true },
  ],
  fields: (_mode, lookups) => [
    { name: 'name', label: 'Name', required: true },
    { name: 'gridLimitKw', label: 'Grid limit (kW)', kind: 'number', required: true },
    { name: 'timezone', label: 'Time zone', suggestions: timeZoneNames, required: true, hint: timezoneHint },
    { name: 'address/line1', label: 'Address line 1', required: true, autoComplete: 'address-line1' },
    { name: 'address/line2', label: 'Address line 2', autoComplete: 'address-line2' },
    { name: 'address/postcode', label: 'Postcode', autoComplete: 'postal-code' },
    { name: 'address/city', label: 'City', required: true, autoComplete: 'address-level2' },
    { name: 'address/country', label: 'Country', required: true, hint: 'Two-letter code, e.g. NL', autoComplete: 'country' },
    {
      name: 'tariffId', label: 'Tariff', kind: 'select', hint: 'Bills the chargers of the site that have no tariff of their own',
      options: [{ value: '', label: 'None' }, ...(lookups.tariffs ?? [])],
    },
  ],
  blank: () => ({ tariffId: '', name: '', gridLimitKw: '', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, address: { country: '' } }),
  toValues: (s) => ({
    name: s.name, gridLimitKw: String(s.gridLimitKw), timezone: s.timezone, address: { ...s.address }, tariffId: s.tariffId ?? '',
  }),
  toBody: (v) => {
    const address = (v.address ?? {}) as Record<string, unknown>;
    return {
      name: str(v.name), gridLimitKw: numberOrText(v.gridLimitKw), timezone: str(v.timezone),
      address: {
        line1: str(address.line1), line2: textOrNull(address.line2), postcode: textOrNull(address.postcode),
        city: str(address.city), country: str(address.country),
      },
      tariffId: textOrNull(v.tariffId),
    };
  },
};
