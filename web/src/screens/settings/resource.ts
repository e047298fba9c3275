// A settings page is one kind of record (sites, vehicles, ID tags, …) described as data: how to
// list, read, create, change and delete it, its table's columns and its form's fields.
import type { ReactNode } from 'react';
import { api } from '../../api/client';
import { requestVersioned, type Versioned } from '../../forms/http';
import type { FieldSpec, FormValues, Option } from '../../forms/spec';

/** Options for selects and names for ids, loaded once per page (fleets, sites, chargers, …). */
export type Lookups = Record<string, Option[]>;

export function labelFor(options: Option[] | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  return options?.find((o) => o.value === id)?.label ?? id;
}

export type Mode = 'create' | 'edit';

export interface ResourceSpec<T> {
  key: string;
  title: string;
  singular: string;
  /** For sentences (“No vehicles yet”); the title in lower case unless given. */
  plural?: string;
  /** Who may write, for the hint under the title. */
  writeRole: 'operator' | 'admin';
  description?: string;
  /** Records that live under another (load groups under a site), chosen with a select. */
  parent?: { param: string; label: string; lookup: string; emptyText: string };
  lookups?: () => Promise<Lookups>;
  list: (parentId: string | undefined) => Promise<T[]>;
  get: (id: string, parentId: string | undefined) => Promise<Versioned<T>>;
  create?: (body: unknown, values: FormValues, parentId: string | undefined) => Promise<T>;
  update?: (item: T, body: unknown, etag: string | null, parentId: string | undefined) => Promise<Versioned<T>>;
  remove?: (item: T, etag: string | null, parentId: string | undefined) => Promise<void>;
  idOf: (item: T) => string;
  nameOf: (item: T) => string;
  /** Nesting depth in the table (load groups under their parent). */
  depthOf?: (item: T) => number;
  columns: { label: string; render: (item: T, lookups: Lookups) => ReactNode; numeric?: boolean }[];
  fields: (mode: Mode, lookups: Lookups, values: FormValues, item?: T) => FieldSpec[];
  blank: (lookups: Lookups, parentId: string | undefined) => FormValues;
  toValues: (item: T) => FormValues;
  toBody: (values: FormValues, mode: Mode, item?: T) => unknown;
  /** Shown once after creating (the API key's secret). */
  createdNotice?: (created: T) => ReactNode;
  /** Links from the form to related pages (a vehicle's departures). */
  related?: (item: T) => { label: string; to: string }[];
}

const enc = encodeURIComponent;

/** A collection whose records carry an ETag: POST to create, GET/PATCH/DELETE one. */
export function versionedCollection<T>(path: (parentId: string | undefined) => string) {
  return {
    list: async (parentId: string | undefined) => (await api.get<{ items: T[] }>(path(parentId))).items,
    get: (id: string, parentId: string | undefined) => requestVersioned<T>('GET', `${path(parentId)}/${enc(id)}`),
    create: async (body: unknown, _values: FormValues, parentId: string | undefined) =>
      (await requestVersioned<T>('POST', path(parentId), { body })).data,
    updateById: (id: string, body: unknown, etag: string | null, parentId: string | undefined) =>
      requestVersioned<T>('PATCH', `${path(parentId)}/${enc(id)}`, { body, ifMatch: etag }),
    removeById: async (id: string, etag: string | null, parentId: string | undefined) => {
      await requestVersioned<void>('DELETE', `${path(parentId)}/${enc(id)}`, { ifMatch: etag });
    },
  };
}

export async function optionsFrom<T>(path: string, toOption: (item: T) => Option): Promise<Option[]> {
  return (await api.get<{ items: T[] }>(path)).items.map(toOption);
}
