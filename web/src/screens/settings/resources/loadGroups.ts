import { numberOrText, textOrNull, type FormValues, weeklyWindows } from '../../../forms/spec';
import { labelFor, versionedCollection, type ResourceSpec } from '../resource';
import { sitesWithGroups, str } from './common';

interface Limit { unit: 'kW' | 'A'; value: number; phases?: number; voltage?: number;
  schedule?: { days: string[]; start: string; end: string; value: number }[] }
export interface LoadGroup {
  id: string; siteId: string; name: string; kind: string; parentId: string | null; limit: Limit; version: number;
}

const path = (siteId: string | undefined) => `/api/v1/sites/${encodeURIComponent(siteId ?? '')}/load-groups`;
const groups = versionedCollection<LoadGroup>(path);

const kinds = [
  { value: 'subBoard', label: 'Sub-board' }, { value: 'feeder', label: 'Feeder' }, { value: 'chargerGroup', label: 'Charger group' },
];

function describeLimit(limit: Limit): string {
  const base = limit.unit === 'kW' ? `${limit.value} kW` : `${limit.value} A × ${limit.phases ?? 3} ph @ ${limit.voltage ?? 230} V`;
  const windows = limit.schedule?.length ?? 0;
  return windows ? `${base} (+${windows} window${windows > 1 ? 's' : ''})` : base;
}

/** Parents before their children, siblings by name: the table reads as the electrical tree. */
export function treeOrder(groups: LoadGroup[]): { group: LoadGroup; depth: number }[] {
  const ids = new Set(groups.map((g) => g.id));
  const children = new Map<string | null, LoadGroup[]>();
  for (const g of groups) {
    const parent = g.parentId && ids.has(g.parentId) ? g.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const out: { group: LoadGroup; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const g of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      out.push({ group: g, depth });
      walk(g.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

const depths = new Map<string, number>();

export const loadGroupSpec: ResourceSpec<LoadGroup> = {
  key: 'load-groups', title: 'Load groups', singular: 'load group', writeRole: 'admin',
  description: 'The electrical tree below a site: sub-boards, feeders and charger groups, each with its limit.',
  parent: { param: 'site', label: 'Site', lookup: 'sites', emptyText: 'Create a site first: load groups belong to a site.' },
  lookups: sitesWithGroups,
  ...groups,
  list: async (siteId) => {
    const ordered = treeOrder(await groups.list(siteId));
    for (const { group, depth } of ordered) depths.set(group.id, depth);
    return ordered.map(({ group }) => group);
  },
  depthOf: (g) => depths.get(g.id) ?? 0,
  update: (item, body, etag, siteId) => groups.updateById(item.id, body, etag, siteId),
  remove: (item, etag, siteId) => groups.removeById(item.id, etag, siteId),
  idOf: (g) => g.id,
  nameOf: (g) => g.name,
  columns: [
    { label: 'Kind', render: (g) => kinds.find((k) => k.value === g.kind)?.label ?? g.kind },
    { label: 'Parent', render: (g, l) => (g.parentId ? labelFor(l[`groups:${g.siteId}`], g.parentId) : 'Site') },
    { label: 'Limit', render: (g) => describeLimit(g.limit) },
  ],
  fields: (_mode, lookups, values, item) => {
    const siteId = str(values.siteId);
    const parents = (lookups[`groups:${siteId}`] ?? []).filter((o) => o.value !== item?.id);
    const inAmps = (values.limit as FormValues | undefined)?.unit === 'A';
    return [
      { name: 'name', label: 'Name', required: true },
      { name: 'kind', label: 'Kind', kind: 'select', options: kinds, required: true },
      { name: 'parentId', label: 'Parent', kind: 'select', options: [{ value: '', label: 'The site itself' }, ...parents] },
      { name: 'limit/unit', label: 'Limit unit', kind: 'select', options: [{ value: 'kW', label: 'kW' }, { value: 'A', label: 'A per phase' }] },
      { name: 'limit/value', label: inAmps ? 'Limit (A)' : 'Limit (kW)', kind: 'number', required: true },
      ...(inAmps ? [
        { name: 'limit/phases', label: 'Phases', kind: 'select' as const, options: [{ value: '3', label: '3' }, { value: '1', label: '1' }] },
        { name: 'limit/voltage', label: 'Voltage (V)', kind: 'number' as const, placeholder: '230' },
      ] : []),
      weeklyWindows({
        name: 'limit/schedule', label: 'Limit by time of day', rowLabel: 'window',
        hint: "Windows in the site's local time; the first that applies wins, else the limit above.",
      }, { name: 'value', label: inAmps ? 'Limit (A)' : 'Limit (kW)' }, '19:00'),
    ];
  },
  blank: (_l, siteId) => ({ siteId, name: '', kind: 'subBoard', parentId: '', limit: { unit: 'kW', value: '', phases: '3', schedule: [] } }),
  toValues: (g) => ({
    siteId: g.siteId, name: g.name, kind: g.kind, parentId: g.parentId ?? '',
    limit: {
      unit: g.limit.unit, value: String(g.limit.value), phases: String(g.limit.phases ?? 3), voltage: g.limit.voltage ?? '',
      schedule: (g.limit.schedule ?? []).map((w) => ({ ...w, value: String(w.value) })),
    },
  }),
  toBody: (v) => {
    const limit = (v.limit ?? {}) as FormValues;
    const schedule = ((limit.schedule ?? []) as FormValues[]).map((w) => ({
      days: w.days, start: str(w.start), end: str(w.end), value: numberOrText(w.value),
    }));
    const amps = limit.unit === 'A';
    return {
      name: str(v.name), kind: v.kind, parentId: textOrNull(v.parentId),
      limit: amps
        ? { unit: 'A', value: numberOrText(limit.value), phases: numberOrText(limit.phases), voltage: numberOrText(limit.voltage), schedule }
        : { unit: 'kW', value: numberOrText(limit.value), schedule },
    };
  },
};
