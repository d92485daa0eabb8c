import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Me } from '../types';

export interface Session {
  me: Me;
  /** Provider staff (and provider-side auditors) have no account of their own. */
  isStaff: boolean;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const value = useMemo<Session>(() => {
    const granted = new Set(me.permissions);
    return { me, isStaff: me.user.account_id === null, can: (permission) => granted.has(permission) };
  }, [me]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in user; only inside the authenticated part of the app. */
export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
