import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ConfirmDialog } from '../../forms/ConfirmDialog';
import { SavedThenFailed } from '../../forms/http';
import { describeError, SpecForm } from '../../forms/SpecForm';
import type { FormValues } from '../../forms/spec';
import type { Lookups, ResourceSpec } from './resource';

interface Props<T> {
  spec: ResourceSpec<T>;
  id: string | null;
  parentId: string | undefined;
  lookups: Lookups;
  listPath: string;
  onChanged: () => void;
  readOnly?: boolean;
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'unexpected', String(e));
}

/** The form of one record (or of a new one), with Save, Delete and the version it edits. */
export function ResourceEditor<T>({ spec, id, parentId, lookups, listPath, onChanged, readOnly }: Props<T>) {
  const navigate = useNavigate();
  const [item, setItem] = useState<T | undefined>();
  const [etag, setEtag] = useState<string | null>(null);
  const [values, setValues] = useState<FormValues>(() => spec.blank(lookups, parentId));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const justCreated = (useLocation().state as { created?: boolean } | null)?.created === true;
  const [notice, setNotice] = useState<ReactNode>(() => (justCreated ? <p className="fm-notice" role="status">Created.</p> : null));
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [loading, setLoading] = useState(id !== null);

  const load = (then?: () => void) => {
    if (id === null) return;
    setLoading(true);
    spec.get(id, parentId)
      .then(({ data, etag: tag }) => {
        setItem(data);
        setEtag(tag);
        setValues(spec.toValues(data));
        setLoadError(null);
        then?.();
      })
      .catch((e) => setLoadError(describeError(asApiError(e))))
      .finally(() => setLoading(false));
  };
  // Loads once per record: the page gives each record its own key, so another record remounts this.
  useEffect(() => load(), []);

  const mode = id === null ? 'create' : 'edit';
  const heading = id === null ? `New ${spec.singular}` : item ? spec.nameOf(item) : spec.singular;

  const save = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const body = spec.toBody(values, mode, item);
      if (mode === 'create' && spec.create) {
        const created = await spec.create(body, values, parentId);
        onChanged();
        if (spec.createdNotice) {
          setNotice(spec.createdNotice(created));
          setValues(spec.blank(lookups, parentId));
        } else {
          navigate(`${listPath.replace(/\?.*$/, '')}/${encodeURIComponent(spec.idOf(created))}${listPath.replace(/^[^?]*/, '')}`,
            { state: { created: true } });
        }
      } else if (item && spec.update) {
        const saved = await spec.update(item, body, etag, parentId);
        setItem(saved.data);
        setEtag(saved.etag);
        setValues(spec.toValues(saved.data));
        setNotice(<p className="fm-notice" role="status">Saved.</p>);
        onChanged();
      }
    } catch (e) {
      const apiError = asApiError(e);
      if (e instanceof SavedThenFailed) {
        // Part of the save went through: edit the record as it is now, keeping what the user typed.
        setItem(e.saved.data as T);
        setEtag(e.saved.etag);
        onChanged();
      }
      if (apiError.status === 412) {
        load(() => setError(new ApiError(412, 'precondition_failed',
          `Someone else changed this ${spec.singular} while you were editing. It now shows their version: make your change again and save.`)));
      } else setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!item || !spec.remove) return;
    setBusy(true);
    setDeleteError(null);
    try {
      await spec.remove(item, etag, parentId);
      onChanged();
      navigate(listPath);
    } catch (e) {
      const apiError = asApiError(e);
      if (apiError.status === 412) {
        setConfirming(false);
        load(() => setError(new ApiError(412, 'precondition_failed',
          `Someone else changed this ${spec.singular} meanwhile; it was not deleted. Check their version first.`)));
      } else setDeleteError(describeError(apiError));
    } finally {
      setBusy(false);
    }
  };

  const edit = (next: FormValues) => {
    setValues(next);
    if (notice && mode === 'edit') setNotice(null); // a stale “Saved.” would claim unsaved edits are saved
  };

  const canSave = mode === 'create' ? Boolean(spec.create) : Boolean(spec.update);
  return (
    <aside className="st-panel" aria-label={mode === 'create' ? `New ${spec.singular}` : `Edit ${spec.singular}`}>
      <div className="st-panel-head">
        <h3 className="st-panel-title">{heading}</h3>
        <Link className="fm-button fm-quiet" to={listPath} aria-label="Close">Close</Link>
      </div>
      {loading && <p className="fm-empty" role="status">Loading…</p>}
      {loadError && <div className="fm-banner" role="alert">{loadError}</div>}
      {!loading && !loadError && (
        canSave ? (
          <SpecForm label={heading} fields={spec.fields(mode, lookups, values, item)} values={values} onChange={edit}
            onSubmit={save} error={error} busy={busy} notice={notice} readOnly={readOnly} submitLabel={mode === 'create' ? 'Create' : 'Save'}>
            {mode === 'edit' && spec.remove && (
              <button type="button" className="fm-button fm-danger" onClick={() => setConfirming(true)} disabled={busy}>
                Delete
              </button>
            )}
          </SpecForm>
        ) : (
          <div className="fm-actions">
            {item && spec.remove && !readOnly && (
              <button type="button" className="fm-button fm-danger" onClick={() => setConfirming(true)}>Delete</button>
            )}
          </div>
        )
      )}
      {item && spec.related && (
        <nav className="st-related" aria-label="Related">
          {spec.related(item).map((r) => <Link key={r.to} to={r.to}>{r.label}</Link>)}
        </nav>
      )}
      {confirming && item && (
        <ConfirmDialog title={`Delete ${spec.singular}?`} confirmLabel={`Delete ${spec.singular}`} busy={busy}
          message={`“${spec.nameOf(item)}” will be deleted. This cannot be undone.`} error={deleteError}
          onConfirm={remove} onCancel={() => { setConfirming(false); setDeleteError(null); }} />
      )}
    </aside>
  );
}
