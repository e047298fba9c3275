import { useState } from 'react';
import { api } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { useFetch } from '../../components/useFetch';
import { formatTime } from '../../format';
import { CommandDialog } from './CommandDialog';
import { commandSpecs, type CommandContext, type CommandKind, type OcppVersion } from './commands';
import type { CommandRecord, Page } from './types';

/** The command buttons (for operators and admins) and the audit of recent commands. */
export function CommandsPanel({ chargerId, version, context, canWrite, timeZone, onSent }: {
  chargerId: string; version: OcppVersion; context: CommandContext; canWrite: boolean; timeZone?: string; onSent: () => void;
}) {
  const [open, setOpen] = useState<CommandKind>();
  const recent = useFetch(
    () => api.get<Page<CommandRecord>>(`/api/v1/chargers/${encodeURIComponent(chargerId)}/commands`, { limit: 8 }),
    chargerId,
  );
  const spec = commandSpecs.find((s) => s.kind === open);
  return (
    <section className="panel" aria-labelledby="commands-title">
      <header className="panel-head">
        <h2 id="commands-title">Commands</h2>
        <span className="muted small">OCPP {version}</span>
      </header>
      {canWrite ? (
        <div className="command-buttons">
          {commandSpecs.map((s) => (
            <button key={s.kind} type="button" className="button" onClick={() => setOpen(s.kind)}>
              {s.title}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted small">Your role (viewer) can read this charger but not send it commands.</p>
      )}
      {spec && (
        <CommandDialog chargerId={chargerId} spec={spec} version={version} context={context}
          onClose={() => setOpen(undefined)} onSent={() => { recent.reload(); onSent(); }} />
      )}
      <h3>Recent commands</h3>
      {recent.error && <p className="muted small" role="alert">{recent.error.message}</p>}
      {recent.data && recent.data.items.length === 0 && <p className="muted small">No command sent yet.</p>}
      {recent.data && recent.data.items.length > 0 && (
        <ul className="recent-commands" aria-label="Recent commands">
          {recent.data.items.map((c) => (
            <li key={c.id}>
              <span className="nowrap small muted">{formatTime(c.requestedAt, timeZone)}</span>
              <span className="recent-action">{c.action}</span>
              <CommandResultBadge record={c} />
              <span className="small muted ellipsis">{c.apiKey?.name ?? ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CommandResultBadge({ record }: { record: CommandRecord }) {
  if (record.outcome !== 'ok') return <StatusBadge status={record.outcome === 'pending' ? 'Pending' : record.outcome} />;
  const status = (record.response as { status?: unknown } | null)?.status;
  return <StatusBadge status={typeof status === 'string' ? status : 'Accepted'} />;
}
