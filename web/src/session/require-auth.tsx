import { Button, Flex } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorAlert } from '../components/error-alert';
import { FullPageSpin } from '../components/full-page-spin';
import { useLocaleSync } from '../hooks/use-locale-sync';
import { useT } from '../i18n/i18n-context';
import type { Me } from '../types';
import { AccountScopeProvider } from './account-scope';
import { wasLoggedOut } from './logout-intent';
import { useMeQuery } from './me-query';
import { SessionProvider } from './session-context';

/** The signed-in part of the app. Nobody signed in (or the session expired): go to /login. */
export function RequireAuth() {
  const t = useT();
  const location = useLocation();
  const me = useMeQuery();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError)
    return (
      <Flex vertical align="center" justify="center" gap={16} style={{ minHeight: '100vh', padding: 24 }}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
        <Button href="/login">{t('login.title')}</Button>
      </Flex>
    );
  if (!me.data) {
    const state = wasLoggedOut() ? undefined : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }

  return <SignedIn me={me.data} />;
}

function SignedIn({ me }: { me: Me }) {
  useLocaleSync(me);
  return (
    <SessionProvider me={me}>
      <AccountScopeProvider>
        <Outlet />
      </AccountScopeProvider>
    </SessionProvider>
  );
}
