import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';

/** A quiet placeholder while data loads; announced to screen readers once. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status">
      {label}
    </p>
  );
}

/** Nothing to show yet, with what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
    </div>
  );
}

/** A failed request: the API's message, and a retry when one makes sense. */
export function ErrorState({ error, onRetry, title = 'Could not load' }: {
  error: ApiError | Error; onRetry?: () => void; title?: string;
}) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-body">{error.message}</p>
      {error instanceof ApiError && error.status === 401 ? (
        // The web session ended (expired, or signed out elsewhere): retrying cannot help.
        <Link className="button" to="/sign-in" state={{ from: window.location.pathname + window.location.search }}>
          Sign in again
        </Link>
      ) : onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
