import { numberOrText, textOrNull } from '../../../forms/spec';
import { versionedCollection, type ResourceSpec } from '../resource';
import { formatNumber, str, timezoneHint } from './common';

export interface SiteRecord {
  id: string; name: string; timezone: string; gridLimitKw: number; version: number;
  address: { line1: string; line2: string | null; postcode: string | null; city: string; country: string };
}

const sites = versionedCollection<SiteRecord>(() => '/api/v1/sites');

export const siteSpec: ResourceSpec<SiteRecord> = {
  key: 'sites', title: 'Sites', singular: 'site', writeRole: 'admin',
  description: 'Depots: their address, time zone and the limit of their grid connection.',
  ...sites,
  update: (item, body, etag) => sites.updateById(item.id, body, etag, undefined),
  remove: (item, etag) => sites.removeById(item.id, etag, undefined),
  idOf: (s) => s.id,
  nameOf: (s) => s.name,
  columns: [
    { label: 'City', render: (s) => `${s.address.city}, ${s.address.country}` },
    { label: 'Time zone', render: (s) => s.timezone },
    { label: 'Grid limit', render: (s) => formatNumber(s.gridLimitKw, 'kW'), numeric: true },
  ],
  fields: () => [
    { name: 'name', label: 'Name', required: true },
    { name: 'gridLimitKw', label: 'Grid limit (kW)', kind: 'number', required: true },
    { name: 'timezone', label: 'Time zone', required: true, hint: timezoneHint },
    { name: 'address/line1', label: 'Address line 1', required: true, autoComplete: 'address-line1' },
    { name: 'address/line2', label: 'Address line 2', autoComplete: 'address-line2' },
    { name: 'address/postcode', label: 'Postcode', autoComplete: 'postal-code' },
    { name: 'address/city', label: 'City', required: true, autoComplete: 'address-level2' },
    { name: 'address/country', label: 'Country', required: true, hint: 'Two-letter code, e.g. NL', autoComplete: 'country' },
  ],
  blank: () => ({ name: '', gridLimitKw: '', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, address: { country: '' } }),
  toValues: (s) => ({ name: s.name, gridLimitKw: String(s.gridLimitKw), timezone: s.timezone, address: { ...s.address } }),
  toBody: (v) => {
    const address = (v.address ?? {}) as Record<string, unknown>;
    return {
      name: str(v.name), gridLimitKw: numberOrText(v.gridLimitKw), timezone: str(v.timezone),
      address: {
        line1: str(address.line1), line2: textOrNull(address.line2), postcode: textOrNull(address.postcode),
        city: str(address.city), country: str(address.country),
      },
    };
  },
};
