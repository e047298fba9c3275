import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { JsonView } from '../../components/JsonView';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { formatTime } from '../../format';
import type { LogFrame, Page } from './types';

const pageSize = 50;
const commonActions = ['BootNotification', 'StatusNotification', 'MeterValues', 'Heartbeat', 'StartTransaction',
  'StopTransaction', 'TransactionEvent', 'Authorize', 'RemoteStartTransaction', 'RemoteStopTransaction',
  'RequestStartTransaction', 'RequestStopTransaction', 'Reset', 'ChangeAvailability', 'UnlockConnector',
  'TriggerMessage', 'ChangeConfiguration', 'GetConfiguration', 'SetVariables', 'GetVariables'];

/** A short line about a frame, so the list reads without expanding every row. */
export function frameSummary(frame: LogFrame): string {
  const p = frame.payload as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') return '';
  if (frame.type === 'CALLERROR') return `${String(p.errorCode ?? '')} ${String(p.errorDescription ?? '')}`.trim();
  const parts: string[] = [];
  for (const key of ['status', 'connectorStatus', 'operationalStatus', 'connectorId', 'evseId', 'idTag', 'transactionId', 'type',
    'eventType', 'triggerReason', 'requestedMessage', 'reason']) {
    const value = p[key];
    if (typeof value === 'string' || typeof value === 'number') parts.push(`${key}: ${value}`);
  }
  const idTagInfo = p.idTagInfo as { status?: string } | undefined;
  if (idTagInfo?.status) parts.push(`idTagInfo: ${idTagInfo.status}`);
  const evse = p.evse as { id?: number } | undefined;
  if (typeof evse?.id === 'number') parts.push(`evse: ${evse.id}`);
  return parts.slice(0, 4).join(' · ');
}

/** Every OCPP frame with this charger, newest first, paged with the API's cursor and filtered by action. */
export function MessageLog({ chargerId, timeZone, refreshKey = 0 }: {
  chargerId: string; timeZone?: string; /** Changes when the page knows of new frames (a command was sent). */ refreshKey?: number;
}) {
  const [action, setAction] = useState('');
  const [draft, setDraft] = useState('');
  const [frames, setFrames] = useState<LogFrame[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [generation, setGeneration] = useState(0);

  const fetchPage = (after: string | null) =>
    api.get<Page<LogFrame>>(`/api/v1/chargers/${encodeURIComponent(chargerId)}/messages`,
      { action, limit: pageSize, order: 'desc', cursor: after });

  useEffect(() => {
    let current = true;
    setLoading(true);
    fetchPage(null).then(
      (page) => {
        if (!current) return;
        setFrames(page.items);
        setCursor(page.nextCursor ?? null);
        setError(undefined);
        setLoading(false);
      },
      (cause: ApiError) => {
        if (!current) return;
        setError(cause);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // fetchPage reads chargerId and action, which are the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chargerId, action, generation, refreshKey]);

  const more = async () => {
    setLoading(true);
    try {
      const page = await fetchPage(cursor);
      setFrames((f) => [...f, ...page.items]);
      setCursor(page.nextCursor ?? null);
    } catch (cause) {
      setError(cause as ApiError);
    } finally {
      setLoading(false);
    }
  };

  const filter = (event: FormEvent) => {
    event.preventDefault();
    setAction(draft.trim());
  };

  return (
    <section className="panel" aria-labelledby="log-title">
      <header className="panel-head">
        <h2 id="log-title">OCPP message log</h2>
        <form className="panel-tools" onSubmit={filter} role="search" aria-label="Filter messages">
          <label className="inline-label">
            <span className="sr-only">Action</span>
            <input type="search" list="ocpp-actions" placeholder="Filter by action" value={draft}
              onChange={(e) => setDraft(e.target.value)} aria-label="Action" />
          </label>
          <datalist id="ocpp-actions">{commonActions.map((a) => <option key={a} value={a} />)}</datalist>
          <button type="submit" className="button">Filter</button>
          <button type="button" className="button button-quiet" onClick={() => setGeneration((g) => g + 1)}>Refresh</button>
        </form>
      </header>
      {error && <ErrorState error={error} onRetry={() => setGeneration((g) => g + 1)} />}
      {!error && !loading && frames.length === 0 && (
        <EmptyState title={action ? `No ${action} frames` : 'No messages yet'}>
          {cursor && <button type="button" className="button" onClick={more}>Search older frames</button>}
        </EmptyState>
      )}
      {frames.length > 0 && (
        <ol className="log" aria-label="OCPP messages">
          {frames.map((f, i) => <LogRow key={`${f.time}-${f.messageId}-${f.type}-${i}`} frame={f} timeZone={timeZone} />)}
        </ol>
      )}
      {loading && <Loading />}
      {!loading && cursor && frames.length > 0 && (
        <button type="button" className="button button-wide" onClick={more}>Load older messages</button>
      )}
    </section>
  );
}

function LogRow({ frame, timeZone }: { frame: LogFrame; timeZone?: string }) {
  const [open, setOpen] = useState(false);
  const fromCharger = frame.direction === 'in';
  const name = `${frame.action ?? frame.type} ${frame.type} ${fromCharger ? 'from' : 'to'} charger`;
  return (
    <li className={`log-row log-${frame.type.toLowerCase()}`}>
      <button type="button" className="log-line" aria-expanded={open} onClick={() => setOpen(!open)}
        aria-label={`${name} at ${formatTime(frame.time, timeZone)}`}>
        <span className="log-time mono">{formatTime(frame.time, timeZone)}</span>
        <span className={`log-dir ${fromCharger ? 'log-in' : 'log-out'}`} title={fromCharger ? 'From the charger' : 'To the charger'}>
          {fromCharger ? '←' : '→'}
        </span>
        <span className="log-type">{frame.type}</span>
        <span className="log-action">{frame.action ?? '—'}</span>
        <span className="log-summary muted ellipsis">{frameSummary(frame)}</span>
        {frame.responseTimeMs !== null && <span className="log-ms muted small">{Math.round(frame.responseTimeMs)} ms</span>}
      </button>
      {open && <JsonView value={frame.frame} label="Frame" />}
    </li>
  );
}
