import { createContext, useContext } from 'react';

export type Role = 'viewer' | 'operator' | 'admin';

/** Who is signed in: the answer of GET /api/v1/auth/session. */
export interface AuthSession {
  organisation: { id: string; name: string; createdAt?: string };
  actor: { id: string; name: string; kind: 'user' | 'apiKey' };
  role: Role;
  csrfToken?: string;
}

export const AuthContext = createContext<AuthSession | null>(null);

/** The signed-in session; screens below Layout always have one. */
export function useAuth(): AuthSession {
  const session = useContext(AuthContext);
  if (!session) throw new Error('useAuth() outside of a signed-in Layout');
  return session;
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether the role may do what `needed` may (the API refuses it with 403 otherwise). */
export function hasRole(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}

/** Operators and admins may send commands and edit; viewers only read. */
export function useCanWrite(): boolean {
  return hasRole(useAuth().role, 'operator');
}
