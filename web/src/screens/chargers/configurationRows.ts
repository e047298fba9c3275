import type { ConfigurationAnswer } from './types';

/** One line of the configuration table, whichever OCPP version reported it. */
export interface ConfigRow { key: string; value: string | null; access: string }

export interface DeviceVariable {
  component: { name: string; instance: string | null; evse: { id: number; connectorId: number | null } | null };
  variable: { name: string; instance: string | null };
  attributes: { type: string; value: string | null; mutability: string | null }[];
}

export function keyRows(answer: ConfigurationAnswer): ConfigRow[] {
  return answer.configurationKey.map((k) => ({ key: k.key, value: k.value, access: k.readonly ? 'read-only' : 'writable' }));
}

/**
 * A 2.0.1 device model as key/value rows: "Component[instance] EVSE n/c · Variable[instance]", the
 * Actual value (what the station runs with) and how it may be changed.
 */
export function variableRows(variables: DeviceVariable[]): ConfigRow[] {
  return variables.map((v) => {
    const c = v.component;
    const where = c.evse ? ` EVSE ${c.evse.id}${c.evse.connectorId !== null ? `/${c.evse.connectorId}` : ''}` : '';
    const component = `${c.name}${c.instance ? `[${c.instance}]` : ''}${where}`;
    const variable = `${v.variable.name}${v.variable.instance ? `[${v.variable.instance}]` : ''}`;
    const actual = v.attributes.find((a) => a.type === 'Actual') ?? v.attributes[0];
    const mutability = actual?.mutability;
    const access = mutability === 'ReadOnly' ? 'read-only' : mutability === 'WriteOnly' ? 'write-only' : mutability === 'ReadWrite' ? 'writable' : '—';
    return { key: `${component} · ${variable}`, value: actual?.value ?? null, access };
  });
}
