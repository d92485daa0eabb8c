import { type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useRoleLabel } from '../components/role-label';
import { StatusTag } from '../components/status-tag';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDate, formatDateTime } from '../lib/format-date';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { UserRow } from '../types';

export function UsersPage() {
  const { t, locale } = useI18n();
  const { isStaff } = useSession();
  const { listAccountId, accountById } = useAccountScope();
  const roleLabel = useRoleLabel();
  const list = useCursorList<UserRow>('users', '/v1/users', { account_id: listAccountId });
  const showAccount = isStaff && !listAccountId;

  const columns = useMemo<TableColumnsType<UserRow>>(() => {
    const cols: TableColumnsType<UserRow> = [
      { key: 'name', title: t('users.col.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
      { key: 'email', title: t('users.col.email'), dataIndex: 'email' },
      { key: 'role', title: t('users.col.role'), dataIndex: 'role', render: (v: string) => <Tag>{roleLabel(v)}</Tag> },
      { key: 'locale', title: t('users.col.locale'), dataIndex: 'locale', render: (v: string) => <code>{v}</code> },
      { key: 'status', title: t('users.col.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
      {
        key: 'last_login',
        title: t('users.col.lastLogin'),
        dataIndex: 'last_login_at',
        render: (v: string | null) => formatDateTime(v, locale) ?? <Typography.Text type="secondary">{t('common.never')}</Typography.Text>,
      },
      { key: 'created', title: t('users.col.created'), dataIndex: 'created_at', render: (v: string) => formatDate(v, locale) },
    ];
    if (showAccount)
      cols.splice(3, 0, {
        key: 'account',
        title: t('users.col.account'),
        dataIndex: 'account_id',
        render: (id: string | null) =>
          id ? <OrDash>{accountById(id)?.code}</OrDash> : <Typography.Text type="secondary">{t('users.provider')}</Typography.Text>,
      });
    return cols;
  }, [t, locale, roleLabel, showAccount, accountById]);

  return (
    <>
      <PageHeader title={t('users.title')} />
      <PagedTable<UserRow> list={list} columns={columns} testId="user-table" emptyText={t('users.empty')} />
    </>
  );
}
