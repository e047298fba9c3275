// The operator's commands to a charger, and the OCPP payload each one sends. OCPP 1.6 and 2.0.1
// name and shape these differently (docs/api.md, "Commands to chargers"); the form is the same.

export type OcppVersion = '1.6' | '2.0.1';
export type CommandKind = 'remoteStart' | 'remoteStop' | 'reset' | 'unlock' | 'availability' | 'trigger';
export type FormValues = Record<string, string>;

export interface FieldSpec {
  name: string; label: string; kind: 'text' | 'number' | 'select';
  options?: { value: string; label: string }[]; required?: boolean; hint?: string;
}

export interface CommandContext {
  /** The charger's connectors as (evseId, connectorId); for 1.6 both are the connector id. */
  connectors: { evseId: number; connectorId: number }[];
  /** Active sessions, to offer for a remote stop. */
  activeSessions: { transactionId: number; stationTransactionId: string | null; evseId: number; connectorId: number; idTag: string | null }[];
}

export interface CommandSpec {
  kind: CommandKind;
  /** The button's name, and "Confirm <lower-case title>" is the dialog's. */
  title: string;
  action: (v: OcppVersion) => string;
  fields: (v: OcppVersion, ctx: CommandContext) => FieldSpec[];
  defaults: (v: OcppVersion, ctx: CommandContext) => FormValues;
}

export type BuiltBody = { ok: true; body: Record<string, unknown> } | { ok: false; field: string; message: string };

export function ocppVersion(raw: string | null | undefined): OcppVersion {
  return raw === '2.0.1' ? '2.0.1' : '1.6';
}

const triggers16 = ['BootNotification', 'DiagnosticsStatusNotification', 'FirmwareStatusNotification', 'Heartbeat', 'MeterValues', 'StatusNotification'];
const triggers201 = ['BootNotification', 'Heartbeat', 'LogStatusNotification', 'FirmwareStatusNotification', 'MeterValues', 'StatusNotification', 'TransactionEvent', 'SignChargingStationCertificate', 'SignV2GCertificate'];

const opts = (values: string[]) => values.map((value) => ({ value, label: value }));

function connectorOptions(v: OcppVersion, ctx: CommandContext, withAny: string | null): { value: string; label: string }[] {
  const seen = new Set<string>();
  const list: { value: string; label: string }[] = withAny === null ? [] : [{ value: '', label: withAny }];
  for (const c of ctx.connectors) {
    const value = v === '1.6' ? String(c.connectorId) : `${c.evseId}/${c.connectorId}`;
    if (seen.has(value)) continue;
    seen.add(value);
    list.push({ value, label: v === '1.6' ? `Connector ${c.connectorId}` : `EVSE ${c.evseId} · connector ${c.connectorId}` });
  }
  return list;
}

function connectorField(v: OcppVersion, ctx: CommandContext, label: string, withAny: string | null): FieldSpec {
  const options = connectorOptions(v, ctx, withAny);
  const hasChoices = options.some((o) => o.value !== '');
  if (hasChoices) return { name: 'connector', label, kind: 'select', options };
  return { name: 'connector', label, kind: 'text', required: withAny === null,
    hint: v === '1.6' ? 'Connector id, e.g. 1' : 'EVSE id, or EVSE/connector, e.g. 1 or 1/1' };
}

function firstConnector(v: OcppVersion, ctx: CommandContext): string {
  const c = ctx.connectors[0];
  if (!c) return '1';
  return v === '1.6' ? String(c.connectorId) : `${c.evseId}/${c.connectorId}`;
}

export const commandSpecs: CommandSpec[] = [
  {
    kind: 'remoteStart', title: 'Remote start',
    action: (v) => (v === '1.6' ? 'RemoteStartTransaction' : 'RequestStartTransaction'),
    fields: (v, ctx) => [
      connectorField(v, ctx, v === '1.6' ? 'Connector' : 'EVSE', 'Any (the charger chooses)'),
      { name: 'idTag', label: 'ID tag', kind: 'text', required: true, hint: 'The RFID or token the session is started for' },
    ],
    defaults: (v, ctx) => ({ connector: ctx.connectors.length ? firstConnector(v, ctx) : '', idTag: '' }),
  },
  {
    kind: 'remoteStop', title: 'Remote stop',
    action: (v) => (v === '1.6' ? 'RemoteStopTransaction' : 'RequestStopTransaction'),
    fields: (v, ctx) => {
      const options = ctx.activeSessions.map((s) => ({
        value: v === '1.6' ? String(s.transactionId) : (s.stationTransactionId ?? ''),
        label: `Session ${s.transactionId} · connector ${s.connectorId}${s.idTag ? ` · ${s.idTag}` : ''}`,
      })).filter((o) => o.value);
      return [options.length
        ? { name: 'transactionId', label: 'Transaction', kind: 'select', options }
        : { name: 'transactionId', label: 'Transaction id', kind: v === '1.6' ? 'number' : 'text', required: true,
          hint: v === '1.6' ? 'No active session is known; enter the id' : 'The station\'s transaction id' }];
    },
    defaults: (v, ctx) => {
      const s = ctx.activeSessions[0];
      return { transactionId: s ? (v === '1.6' ? String(s.transactionId) : (s.stationTransactionId ?? '')) : '' };
    },
  },
  {
    kind: 'reset', title: 'Reset',
    action: () => 'Reset',
    fields: (v) => [{ name: 'type', label: 'Type', kind: 'select',
      options: v === '1.6'
        ? [{ value: 'Soft', label: 'Soft (restart software)' }, { value: 'Hard', label: 'Hard (reboot)' }]
        : [{ value: 'OnIdle', label: 'When idle' }, { value: 'Immediate', label: 'Immediately' }] }],
    defaults: (v) => ({ type: v === '1.6' ? 'Soft' : 'OnIdle' }),
  },
  {
    kind: 'unlock', title: 'Unlock connector',
    action: () => 'UnlockConnector',
    fields: (v, ctx) => [connectorField(v, ctx, 'Connector', null)],
    defaults: (v, ctx) => ({ connector: firstConnector(v, ctx) }),
  },
  {
    kind: 'availability', title: 'Change availability',
    action: () => 'ChangeAvailability',
    fields: (v, ctx) => [
      connectorField(v, ctx, 'Connector', 'The whole charger'),
      { name: 'availability', label: 'Availability', kind: 'select', options: opts(['Operative', 'Inoperative']) },
    ],
    defaults: () => ({ connector: '', availability: 'Inoperative' }),
  },
  {
    kind: 'trigger', title: 'Trigger message',
    action: () => 'TriggerMessage',
    fields: (v, ctx) => [
      { name: 'requestedMessage', label: 'Message', kind: 'select', options: opts(v === '1.6' ? triggers16 : triggers201) },
      connectorField(v, ctx, 'Connector', 'None (the charger as a whole)'),
    ],
    defaults: () => ({ requestedMessage: 'StatusNotification', connector: '' }),
  },
];

export function commandSpec(kind: CommandKind): CommandSpec {
  return commandSpecs.find((s) => s.kind === kind)!;
}

type Parsed = { ok: true; evseId: number; connectorId?: number } | { ok: false; message: string };

/** "2" or "2/1" (EVSE/connector); ids are positive integers. */
export function parseConnector(text: string): Parsed {
  const match = /^\s*(\d+)\s*(?:\/\s*(\d+)\s*)?$/.exec(text);
  if (!match) return { ok: false, message: 'Enter a number, or EVSE/connector such as 1/1' };
  const evseId = Number(match[1]);
  const connectorId = match[2] === undefined ? undefined : Number(match[2]);
  if (evseId < 0 || (connectorId !== undefined && connectorId < 1)) return { ok: false, message: 'Ids must be positive' };
  return { ok: true, evseId, connectorId };
}

const fail = (field: string, message: string): BuiltBody => ({ ok: false, field, message });

/** The OCPP payload for the form, or the field that is wrong, before anything is sent. */
export function buildCommandBody(kind: CommandKind, v: OcppVersion, values: FormValues, remoteStartId = randomId()): BuiltBody {
  const connectorText = (values.connector ?? '').trim();
  const connector = connectorText ? parseConnector(connectorText) : null;
  if (connector && !connector.ok) return fail('connector', connector.message);
  const c = connector && connector.ok ? connector : null;
  switch (kind) {
    case 'remoteStart': {
      const idTag = (values.idTag ?? '').trim();
      if (!idTag) return fail('idTag', 'Enter the ID tag to start for');
      if (v === '1.6') {
        if (idTag.length > 20) return fail('idTag', 'At most 20 characters in OCPP 1.6');
        return { ok: true, body: { ...(c ? { connectorId: c.evseId } : {}), idTag } };
      }
      if (idTag.length > 36) return fail('idTag', 'At most 36 characters');
      return { ok: true, body: { idToken: { idToken: idTag, type: 'Central' }, remoteStartId, ...(c ? { evseId: c.evseId } : {}) } };
    }
    case 'remoteStop': {
      const id = (values.transactionId ?? '').trim();
      if (!id) return fail('transactionId', 'Choose or enter the transaction');
      if (v === '2.0.1') return { ok: true, body: { transactionId: id } };
      if (!/^\d+$/.test(id)) return fail('transactionId', 'A 1.6 transaction id is a whole number');
      return { ok: true, body: { transactionId: Number(id) } };
    }
    case 'reset':
      return { ok: true, body: { type: values.type } };
    case 'unlock':
      if (!c) return fail('connector', 'Choose the connector to unlock');
      if (v === '1.6') return { ok: true, body: { connectorId: c.evseId } };
      return { ok: true, body: { evseId: c.evseId, connectorId: c.connectorId ?? 1 } };
    case 'availability':
      if (v === '1.6') return { ok: true, body: { connectorId: c ? c.evseId : 0, type: values.availability } };
      return { ok: true, body: { operationalStatus: values.availability, ...(c ? { evse: evseOf(c) } : {}) } };
    case 'trigger':
      if (v === '1.6') return { ok: true, body: { requestedMessage: values.requestedMessage, ...(c ? { connectorId: c.evseId } : {}) } };
      return { ok: true, body: { requestedMessage: values.requestedMessage, ...(c ? { evse: evseOf(c) } : {}) } };
  }
}

function evseOf(c: { evseId: number; connectorId?: number }) {
  return c.connectorId === undefined ? { id: c.evseId } : { id: c.evseId, connectorId: c.connectorId };
}

function randomId(): number {
  return Math.floor(Math.random() * 2_000_000_000) + 1;
}

/** The form field an API error's JSON pointer (e.g. "/idToken/idToken") is about. */
export function formFieldOf(kind: CommandKind, pointer: string | undefined): string | undefined {
  if (!pointer) return undefined;
  const first = pointer.replace(/^\//, '').split('/')[0];
  if (kind === 'availability' && first === 'type') return 'availability';
  const map: Record<string, string> = {
    connectorId: 'connector', evseId: 'connector', evse: 'connector', idTag: 'idTag', idToken: 'idTag',
    transactionId: 'transactionId', type: 'type', requestedMessage: 'requestedMessage', operationalStatus: 'availability',
  };
  return map[first];
}

/**
 * The values as the form shows them: a select whose value is not one of its options (the options
 * arrived after the dialog opened, e.g. the active sessions) shows, and so sends, its first option.
 */
export function effectiveValues(fields: FieldSpec[], values: FormValues): FormValues {
  const result = { ...values };
  for (const f of fields)
    if (f.kind === 'select' && f.options?.length && !f.options.some((o) => o.value === (values[f.name] ?? '')))
      result[f.name] = f.options[0].value;
  return result;
}
