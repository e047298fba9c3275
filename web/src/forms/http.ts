// Reads and writes that carry the record's version (ETag / If-Match, docs/api.md "Concurrent
// edits"). The shared client in api/client.ts hides response headers, so edits that must not
// overwrite someone else's change go through here.
import { ApiError } from '../api/client';

export interface Versioned<T> { data: T; etag: string | null }

// Who is signed in, asked for once: the shared client keeps the CSRF token private, and screens
// want the role to offer only what the user may do. A failed answer is not kept, and a refused
// token is asked for again, so a new sign-in is picked up.
export type Role = 'viewer' | 'operator' | 'admin';
interface SessionInfo { role?: Role; csrfToken?: string }

let session: Promise<SessionInfo> | undefined;
export function sessionInfo(): Promise<SessionInfo> {
  session ??= fetch('/api/v1/auth/session', { credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<SessionInfo>) : {}))
    .catch(() => ({}))
    .then((info: SessionInfo) => {
      if (!info.role) session = undefined;
      return info;
    });
  return session;
}

/** For sign-out: the next user's role and token are asked for again. */
export function forgetSession() {
  session = undefined;
}

async function csrfToken(): Promise<string | undefined> {
  return (await sessionInfo()).csrfToken;
}

const ranks: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether `role` may do what `needed` may; unknown roles may try (the API has the last word). */
export function mayWrite(role: Role | undefined, needed: Role): boolean {
  return role === undefined || ranks[role] >= ranks[needed];
}

export async function requestVersioned<T>(
  method: string, path: string, options: { body?: unknown; ifMatch?: string | null } = {},
): Promise<Versioned<T>> {
  try {
    return await send<T>(method, path, options);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'csrf_token_invalid')) throw error;
    session = undefined;
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

/**
 * A save made of several writes whose first ones went through: the form must keep the record as
 * it now is (and its new version), and still show the error of the write that failed.
 */
export class SavedThenFailed<T> extends ApiError {
  constructor(error: ApiError, readonly saved: Versioned<T>) {
    super(error.status, error.code, error.message, error.field);
  }
}
