import { SearchOutlined } from '@ant-design/icons';
import { Flex, Input, Select, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { StatusTag } from '../components/status-tag';
import { useCursorList } from '../hooks/use-cursor-list';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useI18n } from '../i18n/i18n-context';
import { formatDate } from '../lib/format-date';
import type { Account } from '../types';

export function AccountsPage() {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const q = useDebouncedValue(search.trim(), 300);
  const list = useCursorList<Account>('accounts', '/v1/accounts', { q, status });

  const columns = useMemo<TableColumnsType<Account>>(
    () => [
      {
        key: 'code',
        title: t('accounts.col.code'),
        dataIndex: 'code',
        render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
      },
      {
        key: 'name',
        title: t('accounts.col.name'),
        render: (_, a) => (
          <span>
            {locale === 'zh-CN' ? a.name_zh || a.name : a.name}
            {(locale === 'zh-CN' ? a.name_zh && a.name : a.name_zh) ? (
              <Typography.Text type="secondary"> · {locale === 'zh-CN' ? a.name : a.name_zh}</Typography.Text>
            ) : null}
          </span>
        ),
      },
      {
        key: 'contact_email',
        title: t('accounts.col.contactEmail'),
        dataIndex: 'contact_email',
        render: (v: string | null) => <OrDash>{v}</OrDash>,
      },
      { key: 'currency', title: t('accounts.col.currency'), dataIndex: 'default_currency' },
      { key: 'status', title: t('accounts.col.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
      { key: 'created', title: t('accounts.col.created'), dataIndex: 'created_at', render: (v: string) => formatDate(v, locale) },
    ],
    [t, locale],
  );

  return (
    <>
      <PageHeader title={t('accounts.title')} />
      <Flex gap={8} wrap className="toolbar">
        <Input
          data-testid="account-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('accounts.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          placeholder={t('common.anyStatus')}
          value={status}
          onChange={(v?: string) => setStatus(v)}
          style={{ width: 150 }}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'archived', label: t('status.archived') },
          ]}
        />
      </Flex>
      <PagedTable<Account> list={list} columns={columns} testId="account-table" emptyText={t('accounts.empty')} />
    </>
  );
}
