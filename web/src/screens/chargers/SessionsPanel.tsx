import { Link } from 'react-router-dom';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import type { FetchState } from '../../components/useFetch';
import { formatKwh, formatTime } from '../../format';
import type { Page, Session } from './types';

function duration(s: Session, nowMs: number): string {
  const seconds = s.durationS ?? Math.max(0, (nowMs - Date.parse(s.startedAt)) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h ? `${h} h ${m} min` : `${m} min`;
}

/** The charger's current and recent sessions, newest first, each linking to its page. */
export function SessionsPanel({ sessions, timeZone }: { sessions: FetchState<Page<Session>>; timeZone?: string }) {
  const now = Date.now();
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <header className="panel-head">
        <h2 id="sessions-title">Sessions</h2>
      </header>
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.error && <ErrorState error={sessions.error} onRetry={sessions.reload} />}
      {sessions.data && sessions.data.items.length === 0 && <EmptyState title="No sessions on this charger yet" />}
      {sessions.data && sessions.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">Sessions of this charger</caption>
            <thead>
              <tr>
                <th scope="col">Session</th><th scope="col">Status</th><th scope="col">Connector</th>
                <th scope="col">ID tag</th><th scope="col">Started</th><th scope="col">Duration</th>
                <th scope="col" className="num">Energy</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.items.map((s) => (
                <tr key={s.transactionId} className={s.status === 'active' ? 'row-active' : undefined}>
                  <th scope="row"><Link to={`/sessions/${s.transactionId}`}>Session {s.transactionId}</Link></th>
                  <td><StatusBadge status={s.status === 'active' ? 'Active' : 'Stopped'} /></td>
                  <td>{s.connectorId}</td>
                  <td className="mono">{s.idTag ?? '—'}</td>
                  <td className="nowrap">{formatTime(s.startedAt, timeZone)}</td>
                  <td className="nowrap">{duration(s, now)}</td>
                  <td className="num">{s.status === 'active' ? <span className="muted">running</span> : formatKwh(s.energyWh)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
