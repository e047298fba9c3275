import { useEffect, useState } from 'react';
import { sessionInfo, type Role } from './http';

/** The signed-in user's role, undefined until known (or when the session cannot say). */
export function useRole(): Role | undefined {
  const [role, setRole] = useState<Role | undefined>();
  useEffect(() => {
    let live = true;
    sessionInfo().then((info) => live && setRole(info.role));
    return () => { live = false; };
  }, []);
  return role;
}
