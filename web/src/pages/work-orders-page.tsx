import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Popconfirm, Segmented, Select, type TableColumnsType, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { KitsPanel } from '../components/returns/kits-panel';
import { WorkOrderStatusTag } from '../components/returns/labels';
import { CompleteWorkOrderModal, KINDS, NewWorkOrderModal } from '../components/returns/work-order-modals';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { WorkOrder, WorkOrderKind } from '../types-returns';

type Queue = 'open' | 'done' | 'cancelled' | 'all';
const QUEUE_STATUS: Record<Queue, string | null> = { open: 'requested,in_progress', done: 'done', cancelled: 'cancelled', all: null };

/** Value-added work: the queue of bench tasks, with units and minutes recorded when done; kits beside it. */
export function WorkOrdersPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can, isStaff } = useSession();
  const { listAccountId, targetAccount } = useAccountScope();
  const [params, setParams] = useSearchParams();
  const [queue, setQueue] = useState<Queue>(params.get('q') ? 'all' : 'open');
  const [kind, setKind] = useState<WorkOrderKind | null>(null);
  const [creating, setCreating] = useState(false);
  const [completing, setCompleting] = useState<WorkOrder | null>(null);
  const q = params.get('q') ?? '';
  const list = useCursorList<WorkOrder>('work-orders', '/v1/work-orders', {
    account_id: listAccountId,
    status: QUEUE_STATUS[queue],
    kind,
    q: q || null,
  });
  const bench = isStaff && can('warehouse_ops:write');

  const act = useMutation({
    mutationFn: ({ order, action }: { order: WorkOrder; action: 'start' | 'cancel' }) =>
      api<WorkOrder>(`/v1/work-orders/${order.id}/${action}`, { method: 'POST', body: action === 'cancel' ? {} : undefined }),
    onSuccess: (order, { action }) => {
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['exit-plans'] });
      void queryClient.invalidateQueries({ queryKey: ['returns'] });
      message.success(t(action === 'start' ? 'workOrders.started' : 'workOrders.cancelled', { number: order.number }));
    },
  });

  const columns = useMemo<TableColumnsType<WorkOrder>>(
    () => [
      {
        key: 'number',
        title: t('workOrders.col.number'),
        dataIndex: 'number',
        render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
      },
      { key: 'kind', title: t('workOrders.col.kind'), render: (_, o) => t(`workOrders.kind.${o.kind}`) },
      { key: 'status', title: t('workOrders.col.status'), render: (_, o) => <WorkOrderStatusTag status={o.status} /> },
      { key: 'warehouse', title: t('workOrders.col.warehouse'), dataIndex: 'warehouse_code' },
      { key: 'sku', title: t('workOrders.col.sku'), render: (_, o) => <OrDash>{o.seller_sku}</OrDash> },
      { key: 'quantity', title: t('workOrders.col.quantity'), dataIndex: 'quantity', align: 'right' },
      { key: 'done', title: t('workOrders.col.unitsDone'), align: 'right', render: (_, o) => <OrDash>{o.units_done}</OrDash> },
      { key: 'minutes', title: t('workOrders.col.minutes'), align: 'right', render: (_, o) => <OrDash>{o.minutes}</OrDash> },
      {
        key: 'source',
        title: t('workOrders.col.source'),
        render: (_, o) =>
          o.source_type === 'return' && o.source_id ? (
            <Link to={`/returns/${o.source_id}`}>{o.source_number}</Link>
          ) : o.source_type === 'exit_plan' ? (
            <Link to="/exit-plans">{o.source_number}</Link>
          ) : (
            t('workOrders.source.request')
          ),
      },
      {
        key: 'instructions',
        title: t('workOrders.col.instructions'),
        render: (_, o) => (
          <Typography.Text ellipsis style={{ maxWidth: 260 }} title={[o.instructions, o.destination].filter(Boolean).join(' — ')}>
            <OrDash>{[o.instructions, o.destination].filter(Boolean).join(' — ') || null}</OrDash>
          </Typography.Text>
        ),
      },
      { key: 'created', title: t('workOrders.col.requested'), render: (_, o) => formatDateTime(o.created_at, locale) },
      {
        key: 'actions',
        render: (_, o) => {
          const open = o.status === 'requested' || o.status === 'in_progress';
          if (!open) return null;
          return (
            <Flex gap={6}>
              {bench && o.status === 'requested' ? (
                <Button size="small" onClick={() => act.mutate({ order: o, action: 'start' })} data-testid={`wo-start-${o.number}`}>
                  {t('workOrders.start')}
                </Button>
              ) : null}
              {bench ? (
                <Button size="small" type="primary" onClick={() => setCompleting(o)} data-testid={`wo-complete-${o.number}`}>
                  {t('workOrders.complete')}
                </Button>
              ) : null}
              {can('work_orders:write') && (isStaff || (o.status === 'requested' && o.source_type === 'request')) ? (
                <Popconfirm
                  title={t('workOrders.cancelConfirm')}
                  onConfirm={() => act.mutate({ order: o, action: 'cancel' })}
                  okText={t('workOrders.cancel')}
                  cancelText={t('common.cancel')}
                >
                  <Button size="small" danger>
                    {t('workOrders.cancel')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          );
        },
      },
    ],
    [t, locale, bench, can, isStaff, act],
  );

  const orders = (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<Queue>
          value={queue}
          onChange={setQueue}
          options={[
            { value: 'open', label: t('workOrders.queue.open') },
            { value: 'done', label: t('workOrders.queue.done') },
            { value: 'cancelled', label: t('workOrders.queue.cancelled') },
            { value: 'all', label: t('workOrders.queue.all') },
          ]}
        />
        <Select<WorkOrderKind>
          allowClear
          placeholder={t('workOrders.anyKind')}
          style={{ minWidth: 180 }}
          value={kind ?? undefined}
          onChange={(v) => setKind(v ?? null)}
          options={KINDS.map((k) => ({ value: k, label: t(`workOrders.kind.${k}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('workOrders.search')}
          defaultValue={q}
          style={{ maxWidth: 240 }}
          onSearch={(value) => setParams(value ? { q: value } : {})}
        />
      </Flex>
      {act.error ? <ErrorAlert error={act.error} /> : null}
      <PagedTable<WorkOrder> list={list} columns={columns} testId="work-order-table" emptyText={t('workOrders.empty')} />
    </>
  );

  return (
    <>
      <PageHeader
        title={t('workOrders.title')}
        extra={
          can('work_orders:write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              disabled={isStaff && !targetAccount}
              data-testid="work-order-new"
            >
              {t('workOrders.new.button')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('workOrders.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Tabs
        items={[
          { key: 'orders', label: t('workOrders.tab.orders'), children: orders },
          { key: 'kits', label: t('workOrders.tab.kits'), children: <KitsPanel /> },
        ]}
      />
      <NewWorkOrderModal open={creating} onClose={() => setCreating(false)} />
      <CompleteWorkOrderModal order={completing} onClose={() => setCompleting(null)} />
    </>
  );
}
