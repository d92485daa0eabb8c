import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Select, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { FullPageSpin } from '../components/full-page-spin';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey, type Translate } from '../i18n/messages';
import { formatDateTime } from '../lib/format-date';
import type { LedgerEntry, LotBalance, SkuStock } from '../types-inventory';

function movementLabel(t: Translate, movement: string): string {
  const key = `inventory.movement.${movement}`;
  return isMessageKey(key) ? t(key) : movement;
}

const signed = (v: number) => (v > 0 ? `+${v}` : v === 0 ? '' : String(v));

/** One SKU: stock per warehouse and lot, and its ledger history, newest first. */
export function InventorySkuPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const [lotId, setLotId] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['inventory-sku', id],
    queryFn: ({ signal }) => api<SkuStock & { lot_balances: LotBalance[] }>(`/v1/inventory/skus/${id}`, { signal }),
  });
  const ledger = useCursorList<LedgerEntry>('inventory-ledger', `/v1/inventory/skus/${id}/ledger`, { lot_id: lotId });

  const lotColumns = useMemo<TableColumnsType<LotBalance>>(
    () => [
      { key: 'warehouse', title: t('inventory.col.warehouse'), dataIndex: 'warehouse_code' },
      { key: 'lot', title: t('inventory.col.lot'), dataIndex: 'code' },
      { key: 'source', title: t('inventory.col.source'), dataIndex: 'source_type' },
      { key: 'received', title: t('inventory.col.received'), render: (_, r) => <OrDash>{r.received_on}</OrDash> },
      { key: 'age', title: t('inventory.col.age'), align: 'right', render: (_, r) => <OrDash>{r.age_days}</OrDash> },
      { key: 'available', title: t('inventory.col.available'), align: 'right', render: (_, r) => <strong>{r.available}</strong> },
      { key: 'on_hand', title: t('inventory.col.onHand'), align: 'right', dataIndex: 'on_hand' },
      { key: 'allocated', title: t('inventory.col.allocated'), align: 'right', dataIndex: 'allocated' },
      { key: 'inbound', title: t('inventory.col.inbound'), align: 'right', dataIndex: 'inbound' },
      { key: 'damaged', title: t('inventory.col.damaged'), align: 'right', dataIndex: 'damaged' },
      {
        key: 'locations',
        title: t('inventory.col.locations'),
        render: (_, r) => r.locations.map((l) => `${l.code} ${l.quantity}`).join(', '),
      },
    ],
    [t],
  );

  const ledgerColumns = useMemo<TableColumnsType<LedgerEntry>>(
    () => [
      { key: 'seq', title: '#', dataIndex: 'seq' },
      { key: 'when', title: t('inventory.col.when'), render: (_, e) => formatDateTime(e.created_at, locale) },
      { key: 'movement', title: t('inventory.col.movement'), render: (_, e) => <Tag>{movementLabel(t, e.movement)}</Tag> },
      { key: 'warehouse', title: t('inventory.col.warehouse'), dataIndex: 'warehouse_code' },
      { key: 'lot', title: t('inventory.col.lot'), dataIndex: 'lot_code' },
      { key: 'on_hand', title: t('inventory.col.onHand'), align: 'right', render: (_, e) => signed(e.on_hand_delta) },
      { key: 'allocated', title: t('inventory.col.allocated'), align: 'right', render: (_, e) => signed(e.allocated_delta) },
      { key: 'inbound', title: t('inventory.col.inbound'), align: 'right', render: (_, e) => signed(e.inbound_delta) },
      { key: 'damaged', title: t('inventory.col.damaged'), align: 'right', render: (_, e) => signed(e.damaged_delta) },
      {
        key: 'location',
        title: t('inventory.col.location'),
        render: (_, e) => (e.location_code ? `${e.location_code} ${signed(e.location_delta)}` : ''),
      },
      { key: 'reason', title: t('inventory.col.reason'), render: (_, e) => <OrDash>{e.reason_code}</OrDash> },
      { key: 'source', title: t('inventory.col.source'), render: (_, e) => `${e.source_type} ${e.source_id}` },
      { key: 'user', title: t('inventory.col.user'), render: (_, e) => <OrDash>{e.user_name}</OrDash> },
    ],
    [t, locale],
  );

  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <FullPageSpin />;
  const sku = detail.data;

  return (
    <>
      <PageHeader title={sku.seller_sku} extra={<Link to="/inventory">{t('inventory.back')}</Link>}>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {(locale === 'zh-CN' ? (sku.title_zh ?? sku.title_en) : (sku.title_en ?? sku.title_zh)) ?? ''}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={24} wrap style={{ margin: '16px 0' }}>
        <Statistic title={t('inventory.col.available')} value={sku.available} />
        <Statistic title={t('inventory.col.onHand')} value={sku.on_hand} />
        <Statistic title={t('inventory.col.allocated')} value={sku.allocated} />
        <Statistic title={t('inventory.col.inbound')} value={sku.inbound} />
        <Statistic title={t('inventory.col.damaged')} value={sku.damaged} />
      </Flex>
      <Card size="small" title={t('inventory.byWarehouse')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={1}>
          {sku.warehouses.map((w) => (
            <Descriptions.Item key={w.warehouse_id} label={w.warehouse_code}>
              {t('inventory.warehouseLine', {
                available: w.available,
                onHand: w.on_hand,
                allocated: w.allocated,
                inbound: w.inbound,
                damaged: w.damaged,
              })}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card size="small" title={t('inventory.lots')} style={{ marginBottom: 16 }}>
        <Table<LotBalance>
          rowKey="id"
          columns={lotColumns}
          dataSource={sku.lot_balances}
          pagination={false}
          size="small"
          scroll={{ x: 'max-content' }}
          data-testid="sku-lot-table"
          locale={{ emptyText: t('inventory.empty') }}
        />
      </Card>
      <Card
        size="small"
        title={t('inventory.ledger')}
        extra={
          <Select<string | null>
            allowClear
            placeholder={t('inventory.allLots')}
            value={lotId}
            onChange={(v) => setLotId(v ?? null)}
            style={{ width: 240 }}
            options={sku.lot_balances.map((l) => ({ value: l.id, label: `${l.code} · ${l.warehouse_code}` }))}
          />
        }
      >
        <PagedTable<LedgerEntry>
          list={ledger}
          columns={ledgerColumns}
          testId="ledger-table"
          emptyText={t('inventory.ledgerEmpty')}
          size="small"
        />
      </Card>
    </>
  );
}
