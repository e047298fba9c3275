import { useContext } from 'react';
import { AuthContext, type Role } from '../auth/AuthContext';

/** The signed-in user's role; undefined outside a signed-in Layout (then the API has the last word). */
export function useRole(): Role | undefined {
  return useContext(AuthContext)?.role;
}
