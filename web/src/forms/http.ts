// What the settings forms share about writes: versioned requests (from the API client), who may
// write, and a save that went half through.
import { ApiError } from '../api/client';

export { requestVersioned, type Versioned } from '../api/client';
import type { Versioned } from '../api/client';
import { hasRole, type Role } from '../auth/AuthContext';
export type { Role } from '../auth/AuthContext';

/** Whether `role` may do what `needed` may; unknown roles may try (the API has the last word). */
export function mayWrite(role: Role | undefined, needed: Role): boolean {
  return role === undefined || hasRole(role, needed);
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
