import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api';
import { ApiKeySecretModal } from '../components/api-keys/api-key-secret-modal';
import { CreateApiKeyModal } from '../components/api-keys/create-api-key-modal';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useRoleLabel } from '../components/role-label';
import { StatusTag } from '../components/status-tag';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDate, formatDateTime } from '../lib/format-date';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { ApiKey, CreatedApiKey } from '../types';

function keyStatus(key: ApiKey): 'revoked' | 'expired' | 'active' {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && new Date(key.expires_at).getTime() <= Date.now()) return 'expired';
  return 'active';
}

export function ApiKeysPage() {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { can, isStaff } = useSession();
  const { listAccountId, accountById } = useAccountScope();
  const roleLabel = useRoleLabel();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const list = useCursorList<ApiKey>('api-keys', '/v1/api-keys', { account_id: listAccountId });
  const canWrite = can('api_keys:write');
  const showAccount = isStaff && !listAccountId;

  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api<unknown>(`/v1/api-keys/${encodeURIComponent(key.id)}/revoke`, { method: 'POST' }),
    onSuccess: (_, key) => {
      message.success(t('apiKeys.revoked', { name: key.name }));
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (error) => {
      modal.error({ title: t('error.title'), content: <ErrorAlert error={error} /> });
    },
  });

  const columns = useMemo<TableColumnsType<ApiKey>>(() => {
    const cols: TableColumnsType<ApiKey> = [
      {
        key: 'name',
        title: t('apiKeys.col.name'),
        dataIndex: 'name',
        render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
      },
      { key: 'prefix', title: t('apiKeys.col.prefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
      { key: 'role', title: t('apiKeys.col.role'), dataIndex: 'role', render: (v: string) => <Tag>{roleLabel(v)}</Tag> },
      { key: 'created', title: t('apiKeys.col.created'), dataIndex: 'created_at', render: (v: string) => formatDate(v, locale) },
      {
        key: 'expires',
        title: t('apiKeys.col.expires'),
        dataIndex: 'expires_at',
        render: (v: string | null) => <OrDash>{formatDate(v, locale)}</OrDash>,
      },
      {
        key: 'last_used',
        title: t('apiKeys.col.lastUsed'),
        dataIndex: 'last_used_at',
        render: (v: string | null) => formatDateTime(v, locale) ?? <Typography.Text type="secondary">{t('common.never')}</Typography.Text>,
      },
      { key: 'status', title: t('apiKeys.col.status'), render: (_, key) => <StatusTag status={keyStatus(key)} /> },
    ];
    if (showAccount)
      cols.splice(3, 0, {
        key: 'account',
        title: t('apiKeys.col.account'),
        dataIndex: 'account_id',
        render: (id: string | null) =>
          id ? <OrDash>{accountById(id)?.code}</OrDash> : <Typography.Text type="secondary">{t('users.provider')}</Typography.Text>,
      });
    if (canWrite)
      cols.push({
        key: 'actions',
        title: t('apiKeys.col.actions'),
        render: (_, key) =>
          key.revoked_at ? null : (
            <Popconfirm
              title={t('apiKeys.revokeConfirm', { name: key.name })}
              okText={t('apiKeys.revoke')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, ...({ 'data-testid': 'api-key-revoke-confirm' } as object) }}
              onConfirm={() => revoke.mutateAsync(key).catch(() => undefined)}
            >
              <Button data-testid="api-key-revoke" size="small" danger icon={<StopOutlined />}>
                {t('apiKeys.revoke')}
              </Button>
            </Popconfirm>
          ),
      });
    return cols;
  }, [t, locale, roleLabel, showAccount, accountById, canWrite, revoke]);

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        extra={
          canWrite ? (
            <Button data-testid="api-key-create-open" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('apiKeys.create')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('apiKeys.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <PagedTable<ApiKey> list={list} columns={columns} testId="api-key-table" emptyText={t('apiKeys.empty')} />
      {canWrite && (
        <CreateApiKeyModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
          }}
        />
      )}
      <ApiKeySecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
