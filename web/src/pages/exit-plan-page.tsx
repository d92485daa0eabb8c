import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, type ListPage } from '../api';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { ExitPlanStatusTag, WorkOrderStatusTag } from '../components/returns/labels';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { skuTitle } from '../lib/localized-name';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { ExitDisposition, ExitPlan, ExitPlanLine } from '../types-returns';

const DISPOSITIONS: ExitDisposition[] = ['ship_back', 'transfer', 'destroy'];

interface Edit {
  disposition?: ExitDisposition | null;
  quantity?: number;
  destination?: string | null;
}

/**
 * Exit: a disposition for all of an account's remaining stock. The seller drafts the plan from
 * what the lots hold, chooses per line, submits; staff approve, which creates the work orders;
 * progress follows them.
 */
export function ExitPlanPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can, isStaff } = useSession();
  const { listAccountId, targetAccount } = useAccountScope();
  const plans = useQuery({
    queryKey: ['exit-plans', 'list', listAccountId],
    queryFn: () => api<ListPage<ExitPlan>>('/v1/exit-plans', { query: { account_id: listAccountId, limit: 100 } }),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const all = plans.data?.data ?? [];
  const plan = all.find((p) => p.id === chosen) ?? [...all].reverse().find((p) => p.status !== 'cancelled') ?? all[all.length - 1] ?? null;
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [bulk, setBulk] = useState<{ disposition: ExitDisposition | null; destination: string }>({ disposition: null, destination: '' });
  // Edits belong to the plan shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the plan changes
  useEffect(() => setEdits({}), [plan?.id, plan?.updated_at]);

  const refresh = (updated: ExitPlan) => {
    void queryClient.invalidateQueries({ queryKey: ['exit-plans'] });
    void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    setChosen(updated.id);
    setEdits({});
  };
  const create = useMutation({
    mutationFn: () => api<ExitPlan>('/v1/exit-plans', { method: 'POST', body: { account_id: isStaff ? targetAccount?.id : undefined } }),
    onSuccess: refresh,
  });
  const save = useMutation({
    mutationFn: (body: unknown) => api<ExitPlan>(`/v1/exit-plans/${plan?.id}`, { method: 'PATCH', body }),
    onSuccess: (updated) => {
      refresh(updated);
      message.success(t('exitPlans.saved'));
    },
  });
  const step = useMutation({
    mutationFn: (action: 'submit' | 'approve' | 'cancel') => api<ExitPlan>(`/v1/exit-plans/${plan?.id}/${action}`, { method: 'POST' }),
    onSuccess: refresh,
  });

  const editable = plan !== null && (plan.status === 'draft' || plan.status === 'submitted') && can('work_orders:write');
  const value = (line: ExitPlanLine): Required<Edit> => ({
    disposition: edits[line.id]?.disposition !== undefined ? (edits[line.id]?.disposition ?? null) : line.disposition,
    quantity: edits[line.id]?.quantity ?? line.quantity,
    destination: edits[line.id]?.destination !== undefined ? (edits[line.id]?.destination ?? null) : line.destination,
  });
  const edit = (line: ExitPlanLine, patch: Edit) => {
    const held = line.available_units + line.damaged_units;
    const next = { ...edits[line.id], ...patch };
    if (patch.disposition && edits[line.id]?.quantity === undefined && line.quantity === 0) next.quantity = held;
    setEdits({ ...edits, [line.id]: next });
  };

  const columns: TableColumnsType<ExitPlanLine> = [
    { key: 'warehouse', title: t('exitPlans.col.warehouse'), dataIndex: 'warehouse_code' },
    {
      key: 'sku',
      title: t('exitPlans.col.sku'),
      render: (_, l) => (
        <span>
          <Typography.Text strong>{l.seller_sku}</Typography.Text> <Typography.Text type="secondary">{skuTitle(l, locale)}</Typography.Text>
        </span>
      ),
    },
    { key: 'available', title: t('exitPlans.col.available'), dataIndex: 'available_units', align: 'right' },
    { key: 'damaged', title: t('exitPlans.col.damaged'), dataIndex: 'damaged_units', align: 'right' },
    {
      key: 'disposition',
      title: t('exitPlans.col.disposition'),
      render: (_, l) =>
        editable ? (
          <Select<ExitDisposition>
            allowClear
            style={{ width: 170 }}
            value={value(l).disposition ?? undefined}
            onChange={(d) => edit(l, { disposition: d ?? null })}
            options={DISPOSITIONS.map((d) => ({ value: d, label: t(`exitPlans.disposition.${d}`) }))}
          />
        ) : (
          <OrDash>{l.disposition ? t(`exitPlans.disposition.${l.disposition}`) : null}</OrDash>
        ),
    },
    {
      key: 'quantity',
      title: t('exitPlans.col.quantity'),
      align: 'right',
      render: (_, l) =>
        editable ? (
          <InputNumber
            min={0}
            max={l.available_units + l.damaged_units}
            precision={0}
            value={value(l).quantity}
            onChange={(q) => edit(l, { quantity: q ?? 0 })}
            style={{ width: 100 }}
          />
        ) : (
          l.quantity
        ),
    },
    {
      key: 'destination',
      title: t('exitPlans.col.destination'),
      render: (_, l) =>
        editable ? (
          <Input
            style={{ minWidth: 200 }}
            disabled={value(l).disposition === 'destroy'}
            value={value(l).destination ?? ''}
            onChange={(e) => edit(l, { destination: e.target.value })}
          />
        ) : (
          <OrDash>{l.destination}</OrDash>
        ),
    },
    {
      key: 'work_order',
      title: t('exitPlans.col.workOrder'),
      render: (_, l) =>
        l.work_order ? (
          <Space>
            {l.work_order.number}
            <WorkOrderStatusTag status={l.work_order.status} />
            {l.work_order.units_done !== null ? `${l.work_order.units_done} / ${l.work_order.quantity}` : null}
          </Space>
        ) : (
          <OrDash>{null}</OrDash>
        ),
    },
  ];

  const dirty = Object.keys(edits).length > 0;
  const saveEdits = () =>
    save.mutate({
      lines: Object.entries(edits).map(([lineId, e]) => ({
        line_id: lineId,
        disposition: e.disposition,
        quantity: e.quantity,
        destination: e.destination,
      })),
    });
  const noPlanYet = !plans.isLoading && (plan === null || plan.status === 'done' || plan.status === 'cancelled');

  return (
    <>
      <PageHeader
        title={t('exitPlans.title')}
        extra={
          noPlanYet && can('work_orders:write') ? (
            <Button
              type="primary"
              onClick={() => create.mutate()}
              loading={create.isPending}
              disabled={isStaff && !targetAccount}
              data-testid="exit-plan-new"
            >
              {t('exitPlans.new')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('exitPlans.intro')}
        </Typography.Paragraph>
      </PageHeader>
      {plans.error ? <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} /> : null}
      {create.error ? <ErrorAlert error={create.error} /> : null}
      {all.length > 1 ? (
        <Select
          style={{ minWidth: 260, marginBottom: 16 }}
          value={plan?.id}
          onChange={(id: string) => setChosen(id)}
          options={all.map((p) => ({ value: p.id, label: `${p.number} · ${t(`exitPlans.status.${p.status}`)}` }))}
        />
      ) : null}
      {plan ? (
        <Card
          size="small"
          data-testid="exit-plan"
          title={
            <Space>
              {plan.number}
              <ExitPlanStatusTag status={plan.status} />
              <Typography.Text type="secondary">{formatDateTime(plan.created_at, locale)}</Typography.Text>
            </Space>
          }
          extra={
            <Space wrap>
              {editable && dirty ? (
                <Button type="primary" onClick={saveEdits} loading={save.isPending} data-testid="exit-plan-save">
                  {t('exitPlans.save')}
                </Button>
              ) : null}
              {plan.status === 'draft' && can('work_orders:write') ? (
                <Button onClick={() => step.mutate('submit')} disabled={dirty} loading={step.isPending} data-testid="exit-plan-submit">
                  {t('exitPlans.submit')}
                </Button>
              ) : null}
              {plan.status === 'submitted' && isStaff && can('warehouse_ops:write') ? (
                <Button type="primary" onClick={() => step.mutate('approve')} loading={step.isPending} data-testid="exit-plan-approve">
                  {t('exitPlans.approve')}
                </Button>
              ) : null}
              {(plan.status === 'draft' || plan.status === 'submitted') && can('work_orders:write') ? (
                <Popconfirm
                  title={t('exitPlans.cancelConfirm')}
                  onConfirm={() => step.mutate('cancel')}
                  okText={t('exitPlans.cancel')}
                  cancelText={t('common.cancel')}
                >
                  <Button danger>{t('exitPlans.cancel')}</Button>
                </Popconfirm>
              ) : null}
            </Space>
          }
        >
          <Flex gap={24} wrap align="center" style={{ marginBottom: 16 }}>
            <div style={{ minWidth: 280 }}>
              <Typography.Text>
                {t('exitPlans.progress', { done: plan.progress.units_done, planned: plan.progress.units_planned })}
              </Typography.Text>
              <Progress
                percent={plan.progress.units_planned > 0 ? Math.round((plan.progress.units_done / plan.progress.units_planned) * 100) : 0}
                status={plan.status === 'done' ? 'success' : 'active'}
              />
            </div>
            <Typography.Text type="secondary">
              {t('exitPlans.workOrders', {
                requested: plan.progress.work_orders.requested,
                inProgress: plan.progress.work_orders.in_progress,
                done: plan.progress.work_orders.done,
                cancelled: plan.progress.work_orders.cancelled,
              })}
            </Typography.Text>
          </Flex>
          {editable ? (
            <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
              <Typography.Text>{t('exitPlans.bulk')}</Typography.Text>
              <Select<ExitDisposition>
                style={{ width: 170 }}
                value={bulk.disposition ?? undefined}
                onChange={(d) => setBulk({ ...bulk, disposition: d })}
                options={DISPOSITIONS.map((d) => ({ value: d, label: t(`exitPlans.disposition.${d}`) }))}
              />
              <Input
                style={{ width: 260 }}
                placeholder={t('exitPlans.col.destination')}
                value={bulk.destination}
                disabled={bulk.disposition === 'destroy'}
                onChange={(e) => setBulk({ ...bulk, destination: e.target.value })}
              />
              <Button
                disabled={!bulk.disposition}
                loading={save.isPending}
                onClick={() => save.mutate({ all: { disposition: bulk.disposition, destination: bulk.destination.trim() || null } })}
                data-testid="exit-plan-apply-all"
              >
                {t('exitPlans.applyAll')}
              </Button>
            </Flex>
          ) : null}
          {save.error ? <ErrorAlert error={save.error} /> : null}
          {step.error ? <ErrorAlert error={step.error} /> : null}
          <Table<ExitPlanLine>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={plan.lines}
            pagination={{ pageSize: 50 }}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      ) : plans.isLoading ? null : (
        <Typography.Paragraph type="secondary">{t('exitPlans.none')}</Typography.Paragraph>
      )}
    </>
  );
}
