import { SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { FlagTags } from '../components/flag-tags';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { StatusTag } from '../components/status-tag';
import { useCursorList } from '../hooks/use-cursor-list';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useI18n } from '../i18n/i18n-context';
import { formatDimensions, formatWeight } from '../lib/format-measure';
import { formatMoney } from '../lib/format-money';
import { skuTitle } from '../lib/localized-name';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import { SKU_FLAGS, type Sku } from '../types';

export const SKUS_KEY = 'skus';

export function SkusPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { can, isStaff } = useSession();
  const { listAccountId, accountById } = useAccountScope();
  const [search, setSearch] = useState('');
  const [flag, setFlag] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const q = useDebouncedValue(search.trim(), 300);

  const list = useCursorList<Sku>(SKUS_KEY, '/v1/skus', { account_id: listAccountId, q, flag, status });
  const showAccount = isStaff && !listAccountId;

  const columns = useMemo<TableColumnsType<Sku>>(() => {
    const cols: TableColumnsType<Sku> = [
      {
        key: 'seller_sku',
        title: t('skus.col.sellerSku'),
        dataIndex: 'seller_sku',
        fixed: 'left',
        render: (value: string) => (
          <Typography.Text strong copyable={{ text: value }}>
            {value}
          </Typography.Text>
        ),
      },
      { key: 'title', title: t('skus.col.title'), render: (_, sku) => <OrDash>{skuTitle(sku, locale)}</OrDash>, ellipsis: true },
      { key: 'dimensions', title: t('skus.col.dimensions'), render: (_, sku) => <span className="nowrap">{formatDimensions(sku)}</span> },
      { key: 'weight', title: t('skus.col.weight'), render: (_, sku) => <span className="nowrap">{formatWeight(sku)}</span> },
      { key: 'flags', title: t('skus.col.flags'), render: (_, sku) => <FlagTags flags={sku.flags} /> },
      { key: 'hs_code', title: t('skus.col.hsCode'), dataIndex: 'hs_code', render: (v: string | null) => <OrDash>{v}</OrDash> },
      {
        key: 'declared_value',
        title: t('skus.col.declaredValue'),
        align: 'right',
        render: (_, sku) => <OrDash>{sku.declared_value ? formatMoney(sku.declared_value, locale) : null}</OrDash>,
      },
      { key: 'status', title: t('skus.col.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
    ];
    if (showAccount)
      cols.unshift({
        key: 'account',
        title: t('skus.col.account'),
        render: (_, sku) => <OrDash>{accountById(sku.account_id)?.code}</OrDash>,
      });
    return cols;
  }, [t, locale, showAccount, accountById]);

  return (
    <>
      <PageHeader
        title={t('skus.title')}
        extra={
          can('skus:write') ? (
            <Button data-testid="sku-import-open" type="primary" icon={<UploadOutlined />} onClick={() => navigate('/skus/import')}>
              {t('skus.importOpen')}
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap className="toolbar">
        <Input
          data-testid="sku-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('skus.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 320 }}
        />
        <Select
          data-testid="sku-flag-filter"
          allowClear
          placeholder={t('skus.anyFlag')}
          value={flag}
          onChange={(v?: string) => setFlag(v)}
          style={{ width: 180 }}
          options={SKU_FLAGS.map((value) => ({ value, label: t(`flag.${value}`) }))}
        />
        <Select
          data-testid="sku-status-filter"
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
      <PagedTable<Sku>
        list={list}
        columns={columns}
        testId="sku-table"
        emptyText={t('skus.empty')}
        size="middle"
        hideErrorWhileLoadingMore
      />
    </>
  );
}
