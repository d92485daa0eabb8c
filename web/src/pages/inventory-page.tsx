import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Input, Select, Statistic, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { AgeingChart } from '../components/inventory/ageing-chart';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useCursorList } from '../hooks/use-cursor-list';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useFulfilmentWarehouses } from '../hooks/use-fulfilment-warehouses';
import { useI18n } from '../i18n/i18n-context';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { Translate } from '../i18n/messages';
import type { Locale } from '../types';
import type { AgeingReport, Buckets, LotBalance, SkuStock } from '../types-inventory';

type View = 'skus' | 'lots' | 'ageing';

const n = (value: number) => value.toLocaleString();

function titleOf(row: { title_en: string | null; title_zh: string | null }, locale: Locale): string | null {
  return locale === 'zh-CN' ? (row.title_zh ?? row.title_en) : (row.title_en ?? row.title_zh);
}

/** The five buckets as columns, available first (what can still be sold). */
function bucketColumns<T extends Buckets>(t: Translate): TableColumnsType<T> {
  return [
    { key: 'available', title: t('inventory.col.available'), align: 'right', render: (_, r) => <strong>{n(r.available)}</strong> },
    { key: 'on_hand', title: t('inventory.col.onHand'), align: 'right', render: (_, r) => n(r.on_hand) },
    { key: 'allocated', title: t('inventory.col.allocated'), align: 'right', render: (_, r) => n(r.allocated) },
    { key: 'inbound', title: t('inventory.col.inbound'), align: 'right', render: (_, r) => n(r.inbound) },
    {
      key: 'damaged',
      title: t('inventory.col.damaged'),
      align: 'right',
      render: (_, r) => (r.damaged ? <Tag color="red">{n(r.damaged)}</Tag> : 0),
    },
  ];
}

/** Stock by SKU, by lot, and by age: what a seller owns in each warehouse and how old it is. */
export function InventoryPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { isStaff } = useSession();
  const { listAccountId, accountById } = useAccountScope();
  const [view, setView] = useState<View>('skus');
  const [search, setSearch] = useState('');
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const q = useDebouncedValue(search.trim(), 300);
  const warehouses = useFulfilmentWarehouses();

  const skus = useCursorList<SkuStock>('inventory-skus', '/v1/inventory/skus', {
    account_id: listAccountId,
    q: q || null,
    warehouse_id: warehouseId,
  });
  const lots = useCursorList<LotBalance>(
    'inventory-lots',
    '/v1/inventory/balances',
    { account_id: listAccountId, q: q || null, warehouse_id: warehouseId },
    { enabled: view === 'lots' },
  );
  const ageing = useQuery({
    queryKey: ['inventory-ageing', listAccountId, warehouseId],
    queryFn: ({ signal }) =>
      api<AgeingReport>('/v1/inventory/ageing', {
        query: { account_id: listAccountId, warehouse_id: warehouseId, horizon_days: 30 },
        signal,
      }),
    enabled: view === 'ageing',
  });

  const skuColumns = useMemo<TableColumnsType<SkuStock>>(
    () => [
      {
        key: 'sku',
        title: t('inventory.col.sku'),
        render: (_, r) => (
          <Link to={`/inventory/skus/${r.sku_id}`} data-testid="inventory-sku-link">
            {r.seller_sku}
          </Link>
        ),
      },
      ...(isStaff
        ? [{ key: 'account', title: t('inventory.col.account'), render: (_: unknown, r: SkuStock) => accountById(r.account_id)?.code }]
        : []),
      { key: 'title', title: t('inventory.col.title'), render: (_, r) => <OrDash>{titleOf(r, locale)}</OrDash> },
      ...bucketColumns<SkuStock>(t),
      {
        key: 'warehouses',
        title: t('inventory.col.warehouses'),
        render: (_, r) => (
          <Flex gap={4} wrap>
            {r.warehouses
              .filter((w) => w.on_hand + w.inbound + w.damaged > 0)
              .map((w) => (
                <Tag key={w.warehouse_id}>
                  {w.warehouse_code} {n(w.available)}
                </Tag>
              ))}
          </Flex>
        ),
      },
      { key: 'oldest', title: t('inventory.col.oldest'), render: (_, r) => <OrDash>{r.oldest_received_on}</OrDash> },
    ],
    [t, locale, isStaff, accountById],
  );

  const lotColumns = useMemo<TableColumnsType<LotBalance>>(
    () => [
      { key: 'sku', title: t('inventory.col.sku'), render: (_, r) => <Link to={`/inventory/skus/${r.sku_id}`}>{r.seller_sku}</Link> },
      { key: 'warehouse', title: t('inventory.col.warehouse'), dataIndex: 'warehouse_code' },
      { key: 'lot', title: t('inventory.col.lot'), dataIndex: 'code' },
      { key: 'received', title: t('inventory.col.received'), render: (_, r) => <OrDash>{r.received_on}</OrDash> },
      {
        key: 'age',
        title: t('inventory.col.age'),
        align: 'right',
        render: (_, r) =>
          r.age_days === null ? '—' : <Tag color={r.age_days > 365 ? 'red' : r.age_days > 180 ? 'orange' : undefined}>{r.age_days}</Tag>,
      },
      ...bucketColumns<LotBalance>(t),
      {
        key: 'locations',
        title: t('inventory.col.locations'),
        render: (_, r) => r.locations.map((l) => `${l.code} ${l.quantity}`).join(', '),
      },
    ],
    [t],
  );

  const crossingColumns = useMemo<TableColumnsType<AgeingReport['data'][number]>>(
    () => [
      { key: 'sku', title: t('inventory.col.sku'), render: (_, r) => <Link to={`/inventory/skus/${r.sku_id}`}>{r.seller_sku}</Link> },
      { key: 'warehouse', title: t('inventory.col.warehouse'), dataIndex: 'warehouse_code' },
      { key: 'lot', title: t('inventory.col.lot'), dataIndex: 'lot_code' },
      { key: 'age', title: t('inventory.col.age'), align: 'right', dataIndex: 'age_days' },
      { key: 'units', title: t('inventory.col.units'), align: 'right', render: (_, r) => n(r.units) },
      { key: 'cubic', title: t('inventory.col.cubicFeet'), align: 'right', dataIndex: 'cubic_feet' },
      {
        key: 'crosses',
        title: t('inventory.col.crosses'),
        render: (_, r) => t('inventory.ageing.crosses', { days: r.threshold, date: r.crosses_on, in: r.days_until }),
      },
      {
        key: 'surcharge',
        title: t('inventory.col.surcharge'),
        align: 'right',
        render: (_, r) => (r.monthly_increase ? `+${r.monthly_increase.amount} ${r.monthly_increase.currency}` : '—'),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('inventory.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('inventory.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={8} wrap style={{ margin: '16px 0' }}>
        <Input.Search
          allowClear
          placeholder={t('inventory.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 280 }}
          data-testid="inventory-search"
        />
        <Select<string | null>
          allowClear
          placeholder={t('inventory.allWarehouses')}
          value={warehouseId}
          onChange={(v) => setWarehouseId(v ?? null)}
          style={{ width: 200 }}
          options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.code }))}
          data-testid="inventory-warehouse"
        />
      </Flex>
      <Tabs
        activeKey={view}
        onChange={(key) => setView(key as View)}
        items={[
          {
            key: 'skus',
            label: t('inventory.tab.skus'),
            children: (
              <PagedTable<SkuStock>
                list={skus}
                columns={skuColumns}
                rowKey="sku_id"
                testId="inventory-sku-table"
                emptyText={t('inventory.empty')}
                onRow={(r) => ({ onDoubleClick: () => navigate(`/inventory/skus/${r.sku_id}`) })}
              />
            ),
          },
          {
            key: 'lots',
            label: t('inventory.tab.lots'),
            children: (
              <PagedTable<LotBalance> list={lots} columns={lotColumns} testId="inventory-lot-table" emptyText={t('inventory.empty')} />
            ),
          },
          {
            key: 'ageing',
            label: t('inventory.tab.ageing'),
            children: ageing.isError ? (
              <ErrorAlert error={ageing.error} onRetry={() => void ageing.refetch()} />
            ) : ageing.data ? (
              <Flex vertical gap={16}>
                <Card title={t('inventory.ageing.chartTitle')} size="small">
                  <AgeingChart report={ageing.data} />
                </Card>
                <Flex gap={24} wrap>
                  <Statistic title={t('inventory.ageing.crossing', { days: ageing.data.horizon_days })} value={ageing.data.data.length} />
                  {ageing.data.totals.map((m) => (
                    <Statistic key={m.currency} title={t('inventory.ageing.monthlyIncrease')} value={`+${m.amount} ${m.currency}`} />
                  ))}
                </Flex>
                <Alert type="info" showIcon message={t('inventory.ageing.basis')} />
                <Table
                  rowKey={(r) => `${r.lot_id}:${r.threshold}`}
                  columns={crossingColumns}
                  dataSource={ageing.data.data}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  size="small"
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: t('inventory.ageing.none') }}
                  data-testid="ageing-table"
                />
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}
