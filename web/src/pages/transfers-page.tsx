import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Segmented, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { NewTransferModal, ReceiveTransferModal, ShipTransferModal } from '../components/stock-operations/transfer-modals';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { Transfer, TransferStatus } from '../types-stock-operations';

const STATUSES: TransferStatus[] = ['draft', 'shipped', 'received', 'cancelled'];
const STATUS_COLOURS: Record<TransferStatus, string> = { draft: 'default', shipped: 'blue', received: 'green', cancelled: 'default' };

export function TransferStatusTag({ status }: { status: TransferStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(`transfers.status.${status}`)}</Tag>;
}

/** Stock moved between warehouses (back to China included): drafted by sellers or staff, shipped and received by staff. */
export function TransfersPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can, isStaff } = useSession();
  const { listAccountId, targetAccount, accountById } = useAccountScope();
  const [status, setStatus] = useState<TransferStatus | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [shipping, setShipping] = useState<Transfer | null>(null);
  const [receiving, setReceiving] = useState<Transfer | null>(null);
  const list = useCursorList<Transfer>('transfers', '/v1/transfers', {
    account_id: listAccountId,
    status: status === 'all' ? null : status,
  });
  const bench = isStaff && can('warehouse_ops:write');
  const write = can('inventory:write');

  const cancel = useMutation({
    mutationFn: (transfer: Transfer) => api<Transfer>(`/v1/transfers/${transfer.id}/cancel`, { method: 'POST' }),
    onSuccess: (transfer) => {
      void queryClient.invalidateQueries({ queryKey: ['transfers'] });
      message.success(t('transfers.cancelled', { number: transfer.number }));
    },
  });

  const columns = useMemo<TableColumnsType<Transfer>>(
    () => [
      {
        key: 'number',
        title: t('transfers.col.number'),
        dataIndex: 'number',
        render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
      },
      ...(isStaff
        ? [
            {
              key: 'account',
              title: t('transfers.col.account'),
              render: (_: unknown, x: Transfer) => accountById(x.account_id)?.code ?? '…',
            },
          ]
        : []),
      { key: 'status', title: t('transfers.col.status'), render: (_, x) => <TransferStatusTag status={x.status} /> },
      {
        key: 'route',
        title: t('transfers.col.route'),
        render: (_, x) => `${x.from_warehouse_code} → ${x.to_warehouse_code}`,
      },
      {
        key: 'lines',
        title: t('transfers.col.lines'),
        render: (_, x) => (
          <Flex vertical gap={2}>
            {x.lines.map((l) => (
              <span key={l.line_no}>
                <Typography.Text code>{l.seller_sku}</Typography.Text> × {l.quantity}
                {x.status === 'received' ? (
                  <Typography.Text type={l.missing > 0 || l.damaged > 0 ? 'warning' : 'secondary'}>
                    {' '}
                    {t('transfers.lineOutcome', { received: l.received, damaged: l.damaged, missing: l.missing })}
                  </Typography.Text>
                ) : x.status === 'shipped' ? (
                  <Typography.Text type="secondary"> {t('transfers.lineShipped', { shipped: l.shipped })}</Typography.Text>
                ) : null}
              </span>
            ))}
          </Flex>
        ),
      },
      {
        key: 'tracking',
        title: t('transfers.tracking'),
        render: (_, x) => <OrDash>{[x.carrier, x.tracking_number].filter(Boolean).join(' ') || null}</OrDash>,
      },
      { key: 'created', title: t('transfers.col.created'), render: (_, x) => formatDateTime(x.created_at, locale) },
      { key: 'shipped', title: t('transfers.col.shippedAt'), render: (_, x) => <OrDash>{formatDateTime(x.shipped_at, locale)}</OrDash> },
      {
        key: 'received',
        title: t('transfers.col.receivedAt'),
        render: (_, x) => <OrDash>{formatDateTime(x.received_at ?? x.cancelled_at, locale)}</OrDash>,
      },
      {
        key: 'actions',
        render: (_, x) => (
          <Flex gap={6}>
            {bench && x.status === 'draft' ? (
              <Button size="small" type="primary" onClick={() => setShipping(x)} data-testid={`transfer-ship-${x.number}`}>
                {t('transfers.ship')}
              </Button>
            ) : null}
            {bench && x.status === 'shipped' ? (
              <Button size="small" type="primary" onClick={() => setReceiving(x)} data-testid={`transfer-receive-${x.number}`}>
                {t('transfers.receive')}
              </Button>
            ) : null}
            {write && x.status === 'draft' ? (
              <Popconfirm
                title={t('transfers.cancelConfirm')}
                onConfirm={() => cancel.mutate(x)}
                okText={t('transfers.cancel')}
                cancelText={t('common.cancel')}
              >
                <Button size="small" danger data-testid={`transfer-cancel-${x.number}`}>
                  {t('transfers.cancel')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ),
      },
    ],
    [t, locale, isStaff, accountById, bench, write, cancel],
  );

  return (
    <>
      <PageHeader
        title={t('transfers.title')}
        extra={
          write ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              disabled={isStaff && !targetAccount}
              title={isStaff && !targetAccount ? t('returns.new.pickAccount') : undefined}
              data-testid="transfer-new"
            >
              {t('transfers.new.button')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('transfers.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={12} wrap style={{ margin: '16px 0' }}>
        <Segmented<TransferStatus | 'all'>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('transfers.status.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`transfers.status.${s}`) })),
          ]}
          data-testid="transfer-status"
        />
      </Flex>
      {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
      <PagedTable<Transfer> list={list} columns={columns} testId="transfer-table" emptyText={t('transfers.empty')} size="small" />
      <NewTransferModal open={creating} onClose={() => setCreating(false)} />
      <ShipTransferModal transfer={shipping} onClose={() => setShipping(null)} />
      <ReceiveTransferModal transfer={receiving} onClose={() => setReceiving(null)} />
    </>
  );
}
