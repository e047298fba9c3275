// What a form is made of, described as data so each settings page only says which members it edits.
// Every field is named by its path in the request body (`address/city`, `periods/0/start`): the
// same path the API names in `error.field`.
import { getAt } from './fieldError';

export type FormValues = Record<string, unknown>;
export interface Option { value: string; label: string }

export type FieldKind =
  | 'text' | 'number' | 'password' | 'email' | 'textarea' | 'select' | 'checkbox'
  | 'datetime' // datetime-local, read in `timeZone`
  | 'time' // "HH:MM"
  | 'list' // strings, one per line or comma separated
  | 'days' // Mon … Sun as checkboxes
  | 'rows'; // a list of objects, each edited with `rowFields`

export interface FieldSpec {
  name: string;
  label: string;
  kind?: FieldKind;
  options?: Option[];
  hint?: string;
  required?: boolean;
  step?: string;
  placeholder?: string;
  autoComplete?: string;
  timeZone?: string | null;
  rowFields?: FieldSpec[];
  newRow?: FormValues;
  rowLabel?: string;
  /** Rows the server already has cannot be removed here (rows marked `saved: true`). */
  keepSavedRows?: boolean;
  /** Offered while typing (a <datalist>), any other value allowed. */
  suggestions?: readonly string[];
  readOnly?: boolean;
}

export const weekDays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * Rows of weekly windows (days, from, until), each with one value: a load group's limit by time of
 * day, a tariff's time-of-use prices. A new row is a weekday window ending at `newRowEnd`.
 */
export function weeklyWindows(field: Pick<FieldSpec, 'name' | 'label' | 'hint' | 'rowLabel'>,
  value: { name: string; label: string }, newRowEnd: string): FieldSpec {
  return {
    ...field,
    kind: 'rows',
    newRow: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '07:00', end: newRowEnd, [value.name]: '' },
    rowFields: [
      { name: 'days', label: 'Days', kind: 'days' },
      { name: 'start', label: 'From', kind: 'time' },
      { name: 'end', label: 'Until', kind: 'time' },
      { name: value.name, label: value.label, kind: 'number' },
    ],
  };
}

/** Every input's name, rows expanded for the rows present, so an error can find its input. */
export function fieldNames(fields: readonly FieldSpec[], values: FormValues): string[] {
  const names: string[] = [];
  for (const field of fields) {
    names.push(field.name);
    if (field.kind === 'rows' && field.rowFields) {
      const rows = getAt(values, field.name);
      if (Array.isArray(rows))
        rows.forEach((_, index) => {
          for (const sub of field.rowFields ?? []) names.push(`${field.name}/${index}/${sub.name}`);
        });
    }
  }
  return names;
}

/** '' → undefined, a number when it reads as one, else the text itself so the API can say why not. */
export function numberOrText(value: unknown): number | string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** Trimmed text, or null when empty (the API's way to clear an optional member). */
export function textOrNull(value: unknown): string | null {
  const text = value === undefined || value === null ? '' : String(value).trim();
  return text === '' ? null : text;
}

export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return String(value ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The text a plain input shows for a value. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** The IANA zones this browser knows, to suggest; the server's tzdata has the last word. */
export const timeZoneNames: readonly string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
})();
