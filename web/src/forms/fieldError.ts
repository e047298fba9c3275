// The API names the member it refuses as a JSON pointer (`/departures/0/time`) or a plain path
// (`batteryKwh`, `address/country`, `rfidTokens/1`). A form names its inputs by the same path, so
// the error lands next to the input that holds the member, or the nearest input holding its parent
// (an error on `rfidTokens/1` belongs to the one `rfidTokens` input).

/** `/a/b`, `a/b`, `a.b` and `a[0]` all become `a/b` / `a/0`; `~1` and `~0` are unescaped. */
export function normalizePointer(field: string): string {
  return field
    .trim()
    .replace(/\[(\d+)\]/g, '/$1')
    .replace(/\./g, '/')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('/');
}

/** The input name (among `names`) an API error's field belongs to, or undefined for the banner. */
export function matchField(field: string | undefined | null, names: readonly string[]): string | undefined {
  if (!field) return undefined;
  const pointer = normalizePointer(field);
  if (!pointer) return undefined;
  let best: string | undefined;
  for (const name of names) {
    const candidate = normalizePointer(name);
    const holds = pointer === candidate || pointer.startsWith(candidate + '/');
    if (holds && (best === undefined || candidate.length > normalizePointer(best).length)) best = name;
  }
  return best;
}

/** The value at a path in a nested form value (`periods/0/start`). */
export function getAt(value: unknown, path: string): unknown {
  let current = value;
  for (const part of normalizePointer(path).split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A copy of `value` with `path` set; arrays stay arrays, missing levels become objects. */
export function setAt<T>(value: T, path: string, next: unknown): T {
  const parts = normalizePointer(path).split('/');
  const write = (node: unknown, index: number): unknown => {
    const key = parts[index];
    const container: Record<string, unknown> | unknown[] = Array.isArray(node)
      ? [...node]
      : { ...(node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : {}) };
    const current = (container as Record<string, unknown>)[key];
    (container as Record<string, unknown>)[key] = index === parts.length - 1 ? next : write(current, index + 1);
    return container;
  };
  return write(value, 0) as T;
}
