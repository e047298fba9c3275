import { useCallback, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { ApiError } from '../../api/client';
import { describeError } from '../../forms/SpecForm';
import { mayWrite } from '../../forms/http';
import { useRole } from '../../forms/useRole';
import type { Lookups, ResourceSpec } from './resource';
import { ResourceEditor } from './ResourceEditor';
import './settings.css';

type ListState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: T[]; parentId?: string };

/** One kind of record: its table, and beside it the form of the record chosen (or a new one). */
export function ResourcePage<T>({ spec }: { spec: ResourceSpec<T> }) {
  const selected = useParams()['*'] ?? '';
  const [search, setSearch] = useSearchParams();
  const [lookups, setLookups] = useState<Lookups | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [list, setList] = useState<ListState<T>>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  const canWrite = mayWrite(useRole(), spec.writeRole);

  useEffect(() => {
    let live = true;
    (spec.lookups ? spec.lookups() : Promise.resolve({}))
      .then((l) => live && setLookups(l))
      .catch((e: ApiError) => live && setLookupError(describeError(e)));
    return () => { live = false; };
  }, [spec, reloads]);

  const parentOptions = spec.parent && lookups ? (lookups[spec.parent.lookup] ?? []) : [];
  const parentId = spec.parent ? (search.get(spec.parent.param) ?? parentOptions[0]?.value) : undefined;
  const waitingForParent = spec.parent !== undefined && (lookups === null || parentId === undefined);

  useEffect(() => {
    if (waitingForParent) return;
    let live = true;
    // A reload keeps the rows on screen; another parent's rows are not shown as this one's.
    setList((current) => (current.status === 'ready' && current.parentId === parentId ? current : { status: 'loading' }));
    spec.list(parentId)
      .then((items) => live && setList({ status: 'ready', items, parentId }))
      .catch((e: ApiError) => live && setList({ status: 'error', message: describeError(e) }));
    return () => { live = false; };
  }, [spec, parentId, reloads, waitingForParent]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const query = spec.parent && parentId ? `?${spec.parent.param}=${encodeURIComponent(parentId)}` : '';
  const base = `/settings/${spec.key}`;

  return (
    <section className="st-page" aria-labelledby={`st-title-${spec.key}`}>
      <header className="st-head">
        <div>
          <h2 id={`st-title-${spec.key}`} className="st-title">{spec.title}</h2>
          {spec.description && <p className="st-description">{spec.description}</p>}
        </div>
        <div className="st-head-actions">
          {spec.parent && parentOptions.length > 0 && (
            <label className="st-parent">
              <span>{spec.parent.label}</span>
              <select value={parentId ?? ''} onChange={(e) => setSearch({ [spec.parent!.param]: e.target.value })}>
                {parentOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            </label>
          )}
          {canWrite && spec.create && !(spec.parent && !parentId) && (
            <Link className="fm-button fm-primary" to={`${base}/new${query}`}>New {spec.singular}</Link>
          )}
        </div>
      </header>
      {!canWrite && (
        <p className="fm-warning" role="note">You can read these. Changing {(spec.plural ?? spec.title.toLowerCase())} needs the {spec.writeRole} role.</p>
      )}
      {lookupError && <div className="fm-banner" role="alert">{lookupError}</div>}
      {spec.parent && lookups && parentOptions.length === 0 && <p className="fm-empty">{spec.parent.emptyText}</p>}
      <div className={'st-split' + (selected ? ' st-split-open' : '')}>
        <div className="st-list">
          <ResourceTable spec={spec} list={list} lookups={lookups ?? {}} selected={selected} base={base} query={query}
            hidden={waitingForParent && lookups !== null} />
        </div>
        {selected && lookups && !waitingForParent && (
          <ResourceEditor key={`${selected}|${parentId ?? ''}`} spec={spec} id={selected === 'new' ? null : selected}
            parentId={parentId} lookups={lookups} listPath={`${base}${query}`} onChanged={reload} readOnly={!canWrite} />
        )}
      </div>
    </section>
  );
}

function ResourceTable<T>({ spec, list, lookups, selected, base, query, hidden }: {
  spec: ResourceSpec<T>; list: ListState<T>; lookups: Lookups; selected: string; base: string; query: string; hidden: boolean;
}) {
  if (hidden) return null;
  if (list.status === 'loading') return <p className="fm-empty" role="status">Loading {(spec.plural ?? spec.title.toLowerCase())}…</p>;
  if (list.status === 'error') return <div className="fm-banner" role="alert">Cannot load {(spec.plural ?? spec.title.toLowerCase())}: {list.message}</div>;
  if (list.items.length === 0)
    return <p className="fm-empty">No {(spec.plural ?? spec.title.toLowerCase())} yet.{spec.create ? ` Create one with “New ${spec.singular}”.` : ''}</p>;
  return (
    <div className="fm-table-wrap">
      <table className="fm-table">
        <caption className="fm-visually-hidden">{spec.title}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {spec.columns.map((c) => <th key={c.label} scope="col" className={c.numeric ? 'fm-num' : undefined}>{c.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {list.items.map((item) => {
            const id = spec.idOf(item);
            const current = id === selected;
            return (
              <tr key={id} className={current ? 'fm-selected' : undefined} aria-current={current ? 'true' : undefined}>
                <th scope="row" style={spec.depthOf ? { paddingLeft: 12 + 18 * spec.depthOf(item) } : undefined}>
                  {spec.depthOf && spec.depthOf(item) > 0 && <span className="st-branch" aria-hidden="true">└ </span>}
                  <Link to={`${base}/${encodeURIComponent(id)}${query}`}>{spec.nameOf(item)}</Link>
                </th>
                {spec.columns.map((c) => (
                  <td key={c.label} className={c.numeric ? 'fm-num' : undefined}>{c.render(item, lookups)}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
