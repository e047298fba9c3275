import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useCanWrite } from '../../auth/AuthContext';
import { ErrorState, Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { useFetch } from '../../components/useFetch';
import { formatKw, formatTime } from '../../format';
import { useLive } from '../../live/LiveProvider';
import type { Site } from '../overview/types';
import { chargerView } from './chargerStatus';
import { CommandsPanel } from './CommandsPanel';
import { ocppVersion, type CommandContext } from './commands';
import { ConfigurationPanel } from './ConfigurationPanel';
import { ConnectorsPanel, connectorRows } from './ConnectorsPanel';
import { MessageLog } from './MessageLog';
import { SessionsPanel } from './SessionsPanel';
import type { Charger, Page, Session } from './types';

async function loadCharger(id: string) {
  const [charger, sites] = await Promise.all([
    api.get<Charger>(`/api/v1/chargers/${encodeURIComponent(id)}`),
    api.get<Page<Site>>('/api/v1/sites'),
  ]);
  return { charger, site: sites.items.find((s) => s.id === charger.siteId) ?? null };
}

/** One charger: what it is doing now, its sessions, configuration, message log, and commands. */
export default function ChargerPage() {
  const { chargerId = '' } = useParams();
  const record = useFetch(() => loadCharger(chargerId), chargerId);
  if (record.loading && !record.data) return <main className="page"><Loading /></main>;
  if (record.error && !record.data)
    return (
      <main className="page">
        <p><Link to="/chargers">← Chargers</Link></p>
        <ErrorState title={record.error.status === 404 ? `No charger ${chargerId}` : 'Could not load the charger'}
          error={record.error} onRetry={record.error.status === 404 ? undefined : record.reload} />
      </main>
    );
  if (!record.data) return null;
  return <ChargerDetail charger={record.data.charger} site={record.data.site} reload={record.reload} />;
}

function ChargerDetail({ charger, site, reload }: { charger: Charger; site: Site | null; reload: () => void }) {
  const { state: live } = useLive();
  const canWrite = useCanWrite();
  const [commandsSent, setCommandsSent] = useState(0);
  const view = chargerView(charger, live);
  const timeZone = site?.timezone;
  const version = ocppVersion(charger.ocppVersion);
  const rows = connectorRows(charger.connectors ?? [], charger.id, live, view.online);
  // A boot changes vendor, firmware and connectors: read the record again when it comes back online.
  const { online } = view;
  useEffect(() => {
    if (online && !charger.connected) reload();
  }, [online, charger.connected, reload]);

  const sessions = useFetch(
    () => api.get<Page<Session>>('/api/v1/sessions', { chargerId: charger.id, limit: 15 }),
    charger.id,
  );
  // Sessions start and stop around connector status changes; re-read then (and once more shortly
  // after, as StartTransaction may follow the status) rather than poll.
  const statusKey = rows.map((r) => r.status).join(',');
  const seenStatusKey = useRef(statusKey);
  const reloadSessions = sessions.reload;
  useEffect(() => {
    if (seenStatusKey.current === statusKey) return;
    seenStatusKey.current = statusKey;
    reloadSessions();
    const again = setTimeout(reloadSessions, 2000);
    return () => clearTimeout(again);
  }, [statusKey, reloadSessions]);

  const context: CommandContext = useMemo(() => ({
    connectors: rows.map((r) => ({ evseId: r.evseId, connectorId: r.connectorId })),
    activeSessions: (sessions.data?.items ?? []).filter((s) => s.status === 'active'),
  }), [rows, sessions.data]);

  return (
    <main className="page">
      <nav aria-label="Breadcrumb" className="crumbs"><Link to="/chargers">Chargers</Link> <span aria-hidden="true">/</span></nav>
      <header className="charger-head">
        <div className="charger-title">
          <h1>{charger.id}</h1>
          <StatusBadge status={view.state} label="Charger status" />
          <span className={view.online ? 'conn conn-on' : 'conn conn-off'}>{view.online ? 'Online' : 'Offline'}</span>
        </div>
        <dl className="facts">
          {charger.name && <div><dt>Name</dt><dd>{charger.name}</dd></div>}
          <div><dt>Site</dt><dd>{site ? <Link to="/">{site.name}</Link> : <span className="muted">Unplaced</span>}</dd></div>
          <div><dt>Vendor / model</dt><dd>{[charger.vendor, charger.model].filter(Boolean).join(' ') || '—'}</dd></div>
          <div><dt>Firmware</dt><dd>{charger.firmwareVersion || '—'}</dd></div>
          <div><dt>OCPP</dt><dd>{charger.ocppVersion || '—'}</dd></div>
          <div><dt>Power now</dt><dd>{formatKw(view.powerW / 1000)}{charger.maxPowerKw ? ` of ${formatKw(charger.maxPowerKw, 0)}` : ''}</dd></div>
          <div><dt>Last seen</dt><dd>{formatTime(view.lastSeen, timeZone)}</dd></div>
          <div><dt>Last boot</dt><dd>{formatTime(charger.lastBootAt, timeZone)}</dd></div>
          {charger.registrationStatus !== 'Accepted' && (
            <div><dt>Registration</dt><dd><StatusBadge status={charger.registrationStatus} /></dd></div>
          )}
        </dl>
      </header>
      <div className="charger-grid">
        <ConnectorsPanel rows={rows} online={view.online} version={version} timeZone={timeZone} />
        <CommandsPanel chargerId={charger.id} version={version} context={context} canWrite={canWrite}
          timeZone={timeZone} onSent={() => { sessions.reload(); setCommandsSent((n) => n + 1); }} />
      </div>
      <SessionsPanel sessions={sessions} timeZone={timeZone} />
      <div className="charger-grid charger-grid-wide">
        <MessageLog chargerId={charger.id} timeZone={timeZone} refreshKey={commandsSent} />
        <ConfigurationPanel chargerId={charger.id} version={version} timeZone={timeZone} />
      </div>
    </main>
  );
}
