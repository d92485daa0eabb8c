import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n-context';
import { useSession } from './session-context';

/** Renders the page only for users holding `permission` (and, if staffOnly, provider staff). */
export function RequirePermission({ permission, staffOnly, children }: { permission: string; staffOnly?: boolean; children: ReactNode }) {
  const t = useT();
  const { can, isStaff } = useSession();
  if (can(permission) && (!staffOnly || isStaff)) return <>{children}</>;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('error.forbidden')}
      data-testid="forbidden"
      extra={
        <Link to="/skus">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}
