/**
 * The dock's receiving screen, built for a handheld or USB barcode scanner (a keyboard that
 * types the code and presses Enter): one large input that keeps focus, Enter submits, the
 * answer shown as a big green / orange / red panel (no sounds), running counts against the plan
 * and the discrepancies so far. A carton scan opens that carton; unit scans count into it.
 * "12*CODE" receives twelve units in one scan.
 */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Input, type InputRef, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, type ApiError, fetchAllPages, isApiError } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { FullPageSpin } from '../components/full-page-spin';
import { ModeText, PlanStatusTag } from '../components/inbound/inbound-tags';
import { PutawayForm } from '../components/inbound/putaway-form';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n/i18n-context';
import { INBOUND_PLANS_KEY, type InboundPlan, type InboundPlanSummary, type ReceiveOutcome } from '../inbound/types';
import { formatDate } from '../lib/format-date';
import { useAccountScope } from '../session/account-scope';
import { DiscrepancyTable, SkuTable, usePlan } from './inbound-plan-page';

const RECEIVABLE = ['arrived', 'in_transit', 'submitted', 'receiving'] as const;

/** Plans waiting at (or on their way to) the dock. */
export function ReceivingListPage() {
  const { t, locale } = useI18n();
  const { listAccountId } = useAccountScope();
  const plans = useQuery({
    queryKey: [INBOUND_PLANS_KEY, 'receivable', listAccountId],
    queryFn: async () => {
      const all = await Promise.all(
        RECEIVABLE.map((status) => fetchAllPages<InboundPlanSummary>('/v1/inbound-plans', { status, account_id: listAccountId }, 4)),
      );
      return all.flat();
    },
  });
  return (
    <>
      <PageHeader title={t('receiving.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('receiving.intro')}
        </Typography.Paragraph>
      </PageHeader>
      {plans.isError ? <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} /> : null}
      <Table<InboundPlanSummary>
        data-testid="receiving-plans"
        rowKey="id"
        loading={plans.isPending}
        dataSource={plans.data ?? []}
        pagination={false}
        locale={{ emptyText: t('receiving.empty') }}
        columns={[
          { key: 'number', title: t('inbound.col.number'), render: (_, p) => <Link to={`/receiving/${p.id}`}>{p.number}</Link> },
          { key: 'status', title: t('inbound.col.status'), render: (_, p) => <PlanStatusTag status={p.status} /> },
          { key: 'mode', title: t('inbound.col.mode'), render: (_, p) => <ModeText mode={p.freight_mode} /> },
          { key: 'container', title: t('inbound.detail.container'), render: (_, p) => p.container_number ?? p.tracking_number ?? '—' },
          { key: 'eta', title: t('inbound.col.eta'), render: (_, p) => formatDate(p.eta, locale) ?? '—' },
          { key: 'cartons', title: t('inbound.col.cartons'), align: 'right', dataIndex: 'cartons' },
          {
            key: 'units',
            title: t('inbound.col.units'),
            align: 'right',
            render: (_, p) => `${p.received_units + p.damaged_units} / ${p.planned_units}`,
          },
          {
            key: 'go',
            render: (_, p) => (
              <Link to={`/receiving/${p.id}`}>
                <Button type="primary" size="small">
                  {t('receiving.open')}
                </Button>
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}

type Feedback =
  | { tone: 'idle' }
  | { tone: 'ok'; text: string }
  | { tone: 'warn' | 'error'; text: string; code: string; retry?: ScanBody; barcode?: string; quantity?: number };

type ScanBody = Record<string, unknown>;

const TONES = {
  idle: { background: '#f5f7fa', border: '#d9d9d9', color: '#595959' },
  ok: { background: '#f0fff4', border: '#52c41a', color: '#135200' },
  warn: { background: '#fff7e6', border: '#fa8c16', color: '#873800' },
  error: { background: '#fff1f0', border: '#f5222d', color: '#820014' },
} as const;

/** "12*CODE", "12 x CODE" or just "CODE". */
export function parseScan(text: string): { quantity: number; barcode: string } {
  const match = /^\s*(\d{1,6})\s*[*xX×]\s*(.+?)\s*$/.exec(text);
  if (match) return { quantity: Number(match[1]), barcode: match[2] as string };
  return { quantity: 1, barcode: text.trim() };
}

export function ReceivingPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const plan = usePlan(id);
  const input = useRef<InputRef>(null);
  const [value, setValue] = useState('');
  const [damaged, setDamaged] = useState(false);
  const [carton, setCarton] = useState<{ barcode: string; no: number } | null>(null);
  const [feedback, setFeedback] = useState<Feedback>({ tone: 'idle' });

  const refocus = useCallback(() => window.setTimeout(() => input.current?.focus(), 0), []);
  const localized = (m: { en: string; zh: string }) => (locale === 'zh-CN' ? m.zh : m.en);
  const errorText = (error: ApiError) => {
    const detail = error.details[0];
    return detail?.messages ? localized(detail.messages) : error.message;
  };

  const scan = useMutation({
    mutationFn: (body: ScanBody) =>
      api<ReceiveOutcome>(`/v1/inbound-plans/${id}/receive`, { method: 'POST', body: { scan_id: crypto.randomUUID(), ...body } }),
    onSuccess: (outcome) => {
      if (outcome.result === 'carton_opened' && outcome.carton)
        setCarton({ barcode: outcome.carton.barcode, no: outcome.carton.carton_no });
      if (outcome.result === 'carton_closed') setCarton(null);
      setFeedback(
        outcome.over > 0
          ? { tone: 'warn', text: localized(outcome.message), code: 'over' }
          : { tone: 'ok', text: localized(outcome.message) },
      );
      setDamaged(false);
      void queryClient.invalidateQueries({ queryKey: [INBOUND_PLANS_KEY, 'one', id] });
    },
    onError: (error, body) => {
      if (!isApiError(error)) {
        setFeedback({ tone: 'error', text: String(error), code: 'error' });
        return;
      }
      const over = error.details.some((d) => d.code === 'over_receipt');
      setFeedback({
        tone: over ? 'warn' : 'error',
        text: errorText(error),
        code: over ? 'over_receipt' : error.code,
        retry: over ? { ...body, accept_over: true } : undefined,
        barcode: typeof body.barcode === 'string' ? body.barcode : undefined,
        quantity: typeof body.quantity === 'number' ? body.quantity : 1,
      });
    },
    onSettled: refocus,
  });

  const complete = useMutation({
    mutationFn: () => api<InboundPlan>(`/v1/inbound-plans/${id}/complete`, { method: 'POST' }),
    onSuccess: (updated) => {
      queryClient.setQueryData([INBOUND_PLANS_KEY, 'one', id], updated);
      message.success(t('receiving.completed', { number: updated.number }));
    },
  });

  // The input mounts once the plan has loaded: focus it then, ready for the first scan.
  const loaded = plan.isSuccess;
  useEffect(() => {
    if (loaded) input.current?.focus();
  }, [loaded]);

  if (plan.isPending) return <FullPageSpin />;
  if (plan.isError) return <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const receivable = (RECEIVABLE as readonly string[]).includes(p.status);

  const submit = () => {
    const text = value.trim();
    if (!text || scan.isPending) return;
    setValue('');
    const { quantity, barcode } = parseScan(text);
    scan.mutate({ type: 'scan', barcode, quantity, damaged, carton: carton?.barcode ?? null });
  };
  const tone = TONES[feedback.tone];
  const icon =
    feedback.tone === 'ok' ? (
      <CheckCircleFilled />
    ) : feedback.tone === 'warn' ? (
      <ExclamationCircleFilled />
    ) : feedback.tone === 'error' ? (
      <CloseCircleFilled />
    ) : null;

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to={`/inbound/${p.id}`}>{p.number}</Link>
            <PlanStatusTag status={p.status} />
            <Tag>{p.destination_warehouse.code}</Tag>
            <Typography.Text type="secondary">{p.account.code}</Typography.Text>
          </Space>
        }
        extra={
          receivable ? (
            <Popconfirm
              title={t('receiving.completeConfirm', { number: p.number })}
              onConfirm={() => complete.mutate()}
              onOpenChange={(o) => !o && refocus()}
            >
              <Button type="primary" danger loading={complete.isPending} data-testid="receiving-complete">
                {t('receiving.complete')}
              </Button>
            </Popconfirm>
          ) : null
        }
      />
      {complete.error ? <ErrorAlert error={complete.error} /> : null}
      {!receivable ? (
        <ErrorAlert error={new Error(t('receiving.notReceivable', { status: t(`inbound.status.${p.status}`) }))} />
      ) : (
        <Card style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('receiving.scanLabel')}
          </Typography.Text>
          <Input
            ref={input}
            data-testid="receiving-input"
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={submit}
            onBlur={() => {
              // Keep the scanner's keystrokes landing here, unless the operator clicked another field.
              window.setTimeout(() => {
                const active = document.activeElement;
                if (!active || active === document.body) input.current?.focus();
              }, 150);
            }}
            placeholder={t('receiving.placeholder')}
            autoComplete="off"
            spellCheck={false}
            style={{ fontSize: 32, height: 64, fontFamily: 'monospace', marginTop: 8 }}
          />
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 12px' }}>
            {t('receiving.scanHelp')}
          </Typography.Paragraph>
          <div
            data-testid="receiving-feedback"
            data-tone={feedback.tone}
            style={{
              background: tone.background,
              border: `3px solid ${tone.border}`,
              color: tone.color,
              borderRadius: 8,
              padding: '16px 20px',
              fontSize: 24,
              fontWeight: 600,
              minHeight: 72,
            }}
          >
            <Space align="start">
              {icon}
              <span>{feedback.tone === 'idle' ? t('receiving.ready') : feedback.text}</span>
            </Space>
            {feedback.tone !== 'idle' && feedback.tone !== 'ok' && feedback.code === 'over_receipt' && feedback.retry ? (
              <div style={{ marginTop: 12 }}>
                <Button size="large" data-testid="receiving-accept-over" onClick={() => feedback.retry && scan.mutate(feedback.retry)}>
                  {t('receiving.acceptOver')}
                </Button>
              </div>
            ) : null}
            {feedback.tone === 'error' && feedback.code === 'unknown_barcode' && feedback.barcode ? (
              <div style={{ marginTop: 12 }}>
                <Button
                  size="large"
                  data-testid="receiving-record-unknown"
                  onClick={() =>
                    scan.mutate({
                      type: 'record_unknown',
                      kind: 'unknown_sku',
                      barcode: feedback.barcode,
                      quantity: feedback.quantity ?? 1,
                      carton: carton?.barcode ?? null,
                    })
                  }
                >
                  {t('receiving.recordUnknown')}
                </Button>
              </div>
            ) : null}
          </div>
          <Flex gap={16} align="center" wrap style={{ marginTop: 16, fontSize: 18 }}>
            <Typography.Text strong style={{ fontSize: 20 }} data-testid="receiving-carton">
              {carton ? t('receiving.currentCarton', { no: carton.no, total: p.cartons.length }) : t('receiving.noCarton')}
            </Typography.Text>
            <Checkbox
              checked={damaged}
              onChange={(e) => {
                setDamaged(e.target.checked);
                refocus();
              }}
              style={{ fontSize: 18 }}
            >
              {t('receiving.damagedMode')}
            </Checkbox>
            {carton ? (
              <Popconfirm
                title={t('receiving.closeCartonConfirm', { no: carton.no })}
                onConfirm={() => scan.mutate({ type: 'close_carton', carton: carton.barcode })}
                onOpenChange={(o) => !o && refocus()}
              >
                <Button size="large">{t('receiving.closeCarton')}</Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Card>
      )}
      <Typography.Title level={5}>{t('receiving.counts')}</Typography.Title>
      <SkuTable skus={p.skus} compact />
      <PutawayForm plan={p} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('inbound.detail.discrepancies')}
      </Typography.Title>
      <DiscrepancyTable rows={p.discrepancies} />
    </>
  );
}
