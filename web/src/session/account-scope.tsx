import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { fetchAllPages } from '../api';
import type { Account, AccountRef } from '../types';
import { useSession } from './session-context';

const STORAGE_KEY = 'landed.accountId';
export const ALL_ACCOUNTS_KEY = ['accounts', 'all'] as const;

export interface AccountScope {
  /** Staff only: the account picked in the switcher, or null for "All accounts". */
  selectedAccountId: string | null;
  setSelectedAccountId: (id: string | null) => void;
  /** `account_id` to send on list requests: the staff selection, or nothing for sellers (the server scopes them). */
  listAccountId: string | null;
  /** The one account writes go to: the staff selection, or the seller's own account. */
  targetAccount: AccountRef | null;
  /** Accounts known to the viewer, for showing codes in tables. */
  accounts: readonly AccountRef[];
  accountsQuery: { isLoading: boolean; error: unknown };
  accountById: (id: string | null | undefined) => AccountRef | undefined;
}

const AccountScopeContext = createContext<AccountScope | null>(null);

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

export function AccountScopeProvider({ children }: { children: ReactNode }) {
  const { me, isStaff, can } = useSession();
  const [selected, setSelected] = useState<string | null>(() => (isStaff ? readStored() : null));

  const accountsQuery = useQuery({
    queryKey: ALL_ACCOUNTS_KEY,
    queryFn: () => fetchAllPages<Account>('/v1/accounts'),
    enabled: isStaff && can('accounts:read'),
    staleTime: 5 * 60_000,
  });

  const accounts = useMemo<readonly AccountRef[]>(() => {
    if (!isStaff) return me.account ? [me.account] : [];
    return accountsQuery.data ?? [];
  }, [isStaff, me.account, accountsQuery.data]);

  // Forget a stored choice that no longer exists (deleted account, different installation).
  useEffect(() => {
    if (isStaff && selected && accountsQuery.data && !accountsQuery.data.some((a) => a.id === selected)) {
      setSelected(null);
      try {
        localStorage.removeItem(STORAGE_KEY);
      } catch {
        // ignore
      }
    }
  }, [isStaff, selected, accountsQuery.data]);

  const setSelectedAccountId = useCallback((id: string | null) => {
    setSelected(id);
    try {
      if (id) localStorage.setItem(STORAGE_KEY, id);
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // ignore
    }
  }, []);

  const value = useMemo<AccountScope>(() => {
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const accountById = (id: string | null | undefined) => (id ? byId.get(id) : undefined);
    const staffTarget = selected ? (byId.get(selected) ?? { id: selected, code: '…', name: '…', name_zh: null }) : null;
    return {
      selectedAccountId: isStaff ? selected : null,
      setSelectedAccountId,
      listAccountId: isStaff ? selected : null,
      targetAccount: isStaff ? staffTarget : sellerAccount(me.account, me.user.account_id),
      accounts,
      accountsQuery: { isLoading: accountsQuery.isLoading, error: accountsQuery.error },
      accountById,
    };
  }, [accounts, selected, isStaff, me.account, me.user.account_id, setSelectedAccountId, accountsQuery.isLoading, accountsQuery.error]);

  return <AccountScopeContext.Provider value={value}>{children}</AccountScopeContext.Provider>;
}

function sellerAccount(account: AccountRef | null, accountId: string | null): AccountRef | null {
  if (account) return account;
  return accountId ? { id: accountId, code: '', name: '', name_zh: null } : null;
}

export function useAccountScope(): AccountScope {
  const value = useContext(AccountScopeContext);
  if (!value) throw new Error('useAccountScope must be used inside <AccountScopeProvider>');
  return value;
}
