// Reads and writes that carry the record's version (ETag / If-Match, docs/api.md "Concurrent
// edits"). The shared client in api/client.ts hides response headers, so edits that must not
// overwrite someone else's change go through here.
import { ApiError } from '../api/client';

export interface Versioned<T> { data: T; etag: string | null }

// The session's CSRF token, asked for once: the shared client keeps its copy private. A missing
// token is not kept, and a refused one is asked for again, so a new sign-in is picked up.
let csrf: Promise<string | undefined> | undefined;
function csrfToken(): Promise<string | undefined> {
  csrf ??= fetch('/api/v1/auth/session', { credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<{ csrfToken?: string }>) : { csrfToken: undefined }))
    .then((s) => {
      if (!s.csrfToken) csrf = undefined;
      return s.csrfToken;
    })
    .catch(() => {
      csrf = undefined;
      return undefined;
    });
  return csrf;
}

export async function requestVersioned<T>(
  method: string, path: string, options: { body?: unknown; ifMatch?: string | null } = {},
): Promise<Versioned<T>> {
  try {
    return await send<T>(method, path, options);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'csrf_token_invalid')) throw error;
    csrf = undefined;
    return send<T>(method, path, options);
  }
}

async function send<T>(method: string, path: string, options: { body?: unknown; ifMatch?: string | null }): Promise<Versioned<T>> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    const token = await csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method, credentials: 'same-origin', headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network', `the server cannot be reached (${String(cause)})`);
  }
  const etag = response.headers.get('ETag');
  const text = response.status === 204 ? '' : await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_' + response.status,
      error?.message ?? (text || response.statusText), error?.field);
  }
  return { data: json as T, etag };
}
