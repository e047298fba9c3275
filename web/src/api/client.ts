// The one way the screens talk to manage core: JSON over fetch with the session cookie, errors
// turned into ApiError with the API's code, message and field (a JSON pointer or parameter name).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

// The web session's CSRF token (from sign-in or GET /api/v1/auth/session), sent with every write.
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A record with the version the API gave it (its ETag, for If-Match on the next write). */
export interface Versioned<T> {
  data: T;
  etag: string | null;
}

/**
 * A request whose answer keeps its ETag, and whose write may carry `ifMatch` so that it never
 * overwrites someone else's change (docs/api.md, "Concurrent edits": 412 precondition_failed).
 */
export async function requestVersioned<T>(
  method: string,
  path: string,
  options: { body?: unknown; ifMatch?: string | null; query?: Query } = {},
): Promise<Versioned<T>> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network', `the server cannot be reached (${String(cause)})`);
  }
  const etag = response.headers.get('ETag');
  if (response.status === 204) return { data: undefined as T, etag };
  const text = await response.text();
  const json = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_' + response.status,
      error?.message ?? (text || response.statusText), error?.field);
  }
  return { data: json as T, etag };
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  return (await requestVersioned<T>(method, path, { body, query })).data;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Raw text (the CSV export), with the same error handling. */
export async function getText(path: string, query?: Query): Promise<string> {
  const response = await fetch(withQuery(path, query), { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, 'http_' + response.status, await response.text());
  return response.text();
}
