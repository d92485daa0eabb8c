import { ArrowLeftOutlined, BarcodeOutlined, FileExcelOutlined, FilePdfOutlined, ScanOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Dropdown, Popconfirm, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { FullPageSpin } from '../components/full-page-spin';
import { CartonStatusTag, DiscrepancyTag, ModeText, PlanStatusTag } from '../components/inbound/inbound-tags';
import { ShipmentModal } from '../components/inbound/shipment-modal';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n/i18n-context';
import { type Discrepancy, INBOUND_PLANS_KEY, type InboundPlan, type PlanCarton, type PlanSku } from '../inbound/types';
import { formatDate, formatDateTime } from '../lib/format-date';
import { formatMoney } from '../lib/format-money';
import { skuTitle } from '../lib/localized-name';
import { useSession } from '../session/session-context';

const FLOW = ['draft', 'submitted', 'in_transit', 'arrived', 'receiving', 'received', 'closed'] as const;

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: [INBOUND_PLANS_KEY, 'one', id],
    queryFn: () => api<InboundPlan>(`/v1/inbound-plans/${id}`),
    enabled: Boolean(id),
  });
}

export function InboundPlanPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const plan = usePlan(id);
  const [shipmentOpen, setShipmentOpen] = useState(false);
  const lang = locale === 'zh-CN' ? 'zh-CN' : 'en';

  const act = useMutation({
    mutationFn: (action: 'submit' | 'cancel') =>
      api<InboundPlan>(`/v1/inbound-plans/${id}/${action}`, { method: 'POST', body: action === 'cancel' ? {} : undefined }),
    onSuccess: (updated, action) => {
      queryClient.setQueryData([INBOUND_PLANS_KEY, 'one', id], updated);
      void queryClient.invalidateQueries({ queryKey: [INBOUND_PLANS_KEY, 'list'] });
      message.success(t(action === 'submit' ? 'inbound.detail.submitted' : 'inbound.detail.cancelled', { number: updated.number }));
    },
  });

  if (plan.isPending) return <FullPageSpin />;
  if (plan.isError) return <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const current = FLOW.indexOf(p.status as (typeof FLOW)[number]);
  const at = (status: string) => p.timeline.find((s) => s.status === status)?.at;
  const doc = (path: string, query: string) => `/v1/inbound-plans/${p.id}/${path}?lang=${lang}${query}`;
  const receivable = ['submitted', 'in_transit', 'arrived', 'receiving'].includes(p.status);

  return (
    <>
      <PageHeader
        title={
          <Space>
            <span data-testid="plan-number">{p.number}</span>
            <PlanStatusTag status={p.status} />
          </Space>
        }
        extra={
          <>
            <Link to="/inbound">
              <Button icon={<ArrowLeftOutlined />}>{t('inbound.back')}</Button>
            </Link>
            <a href={doc('labels/cartons', '')} data-testid="plan-carton-labels">
              <Button icon={<BarcodeOutlined />}>{t('inbound.detail.cartonLabels')}</Button>
            </a>
            <a href={doc('labels/skus', '')}>
              <Button icon={<BarcodeOutlined />}>{t('inbound.detail.skuLabels')}</Button>
            </a>
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'pl-x',
                    icon: <FileExcelOutlined />,
                    label: <a href={doc('packing-list', '&format=xlsx')}>{t('inbound.detail.packingList')} (Excel)</a>,
                  },
                  {
                    key: 'pl-p',
                    icon: <FilePdfOutlined />,
                    label: <a href={doc('packing-list', '&format=pdf')}>{t('inbound.detail.packingList')} (PDF)</a>,
                  },
                  {
                    key: 'ci-x',
                    icon: <FileExcelOutlined />,
                    label: <a href={doc('commercial-invoice', '&format=xlsx')}>{t('inbound.detail.invoice')} (Excel)</a>,
                  },
                  {
                    key: 'ci-p',
                    icon: <FilePdfOutlined />,
                    label: <a href={doc('commercial-invoice', '&format=pdf')}>{t('inbound.detail.invoice')} (PDF)</a>,
                  },
                ],
              }}
            >
              <Button icon={<FileExcelOutlined />} data-testid="plan-documents">
                {t('inbound.detail.packingList')} / {t('inbound.detail.invoice')}
              </Button>
            </Dropdown>
            {can('warehouse_ops:write') && receivable ? (
              <Link to={`/receiving/${p.id}`}>
                <Button icon={<ScanOutlined />} data-testid="plan-receive">
                  {t('inbound.detail.receive')}
                </Button>
              </Link>
            ) : null}
            {can('warehouse_ops:write') && !['draft', 'cancelled', 'closed'].includes(p.status) ? (
              <Button onClick={() => setShipmentOpen(true)} data-testid="plan-shipment">
                {t('inbound.shipment.open')}
              </Button>
            ) : null}
            {can('inbound:write') && p.status === 'draft' ? (
              <Popconfirm title={t('inbound.detail.submitConfirm', { number: p.number })} onConfirm={() => act.mutate('submit')}>
                <Button type="primary" loading={act.isPending} data-testid="plan-submit">
                  {t('inbound.detail.submit')}
                </Button>
              </Popconfirm>
            ) : null}
            {can('inbound:write') && p.next_statuses.includes('cancelled') ? (
              <Popconfirm title={t('inbound.detail.cancelConfirm', { number: p.number })} onConfirm={() => act.mutate('cancel')}>
                <Button danger loading={act.isPending} data-testid="plan-cancel">
                  {t('inbound.detail.cancel')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {act.error ? <ErrorAlert error={act.error} /> : null}
      {shipmentOpen ? <ShipmentModal plan={p} open onClose={() => setShipmentOpen(false)} /> : null}
      {p.status === 'cancelled' ? null : (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Steps
            size="small"
            current={current}
            items={FLOW.map((s) => ({ title: t(`inbound.status.${s}`), description: at(s) ? formatDateTime(at(s), locale) : undefined }))}
          />
        </Card>
      )}
      {p.warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="plan-warnings"
          style={{ marginBottom: 16 }}
          title={t('inbound.detail.warnings')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {p.warnings.map((w) => (
                <li key={`${w.code}-${w.sku ?? w.carton_no}`}>{locale === 'zh-CN' ? w.messages.zh : w.messages.en}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('inbound.detail.account')}>{p.account.code}</Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.route')}>
            {p.origin_warehouse ? `${p.origin_warehouse.code} → ` : ''}
            {p.destination_warehouse.code} · <ModeText mode={p.freight_mode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.reference')}>
            <OrDash>{p.reference}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.carrier')}>
            <OrDash>{p.carrier}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.vessel')}>
            <OrDash>{p.vessel ? `${p.vessel} ${p.voyage ?? ''}` : null}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.container')}>
            <OrDash>{p.container_number}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.tracking')}>
            <OrDash>{p.tracking_number}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={`${t('inbound.detail.etd')} / ${t('inbound.detail.eta')}`}>
            {formatDate(p.etd, locale) ?? '—'} / {formatDate(p.eta, locale) ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.customs')}>
            <Tag>{t(`inbound.customs.${p.customs.status}` as 'inbound.customs.filed')}</Tag>
            {p.customs.filed_on || p.customs.released_on
              ? t('inbound.detail.customsDates', { filed: p.customs.filed_on ?? '—', released: p.customs.released_on ?? '—' })
              : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.totals')}>
            {t('inbound.detail.totalsText', {
              cartons: p.totals.cartons,
              units: p.totals.units,
              kg: p.totals.weight_kg,
              m3: p.totals.volume_m3,
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('inbound.detail.declared')}>
            <OrDash>
              {p.totals.declared_value.length ? p.totals.declared_value.map((m) => formatMoney(m, locale)).join(' + ') : null}
            </OrDash>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Title level={5}>{t('inbound.detail.skus')}</Typography.Title>
      <SkuTable skus={p.skus} />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('inbound.detail.discrepancies')}
      </Typography.Title>
      <DiscrepancyTable rows={p.discrepancies} />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('inbound.detail.cartons')}
      </Typography.Title>
      <CartonTable cartons={p.cartons} />
    </>
  );
}

export function SkuTable({ skus, compact = false }: { skus: PlanSku[]; compact?: boolean }) {
  const { t, locale } = useI18n();
  return (
    <Table<PlanSku>
      data-testid="plan-skus"
      size={compact ? 'middle' : 'small'}
      rowKey="sku_id"
      pagination={false}
      dataSource={skus}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'sku', title: t('inbound.col.sku'), render: (_, s) => <Typography.Text strong>{s.seller_sku}</Typography.Text> },
        ...(compact ? [] : [{ key: 'title', title: t('inbound.col.title'), render: (_: unknown, s: PlanSku) => skuTitle(s, locale) }]),
        { key: 'planned', title: t('inbound.col.planned'), align: 'right', dataIndex: 'planned' },
        {
          key: 'received',
          title: t('inbound.col.received'),
          align: 'right',
          render: (_, s) => (
            <Typography.Text
              type={s.received + s.damaged > s.planned ? 'warning' : s.received + s.damaged === s.planned ? 'success' : undefined}
              strong
            >
              {s.received}
            </Typography.Text>
          ),
        },
        {
          key: 'damaged',
          title: t('inbound.col.damaged'),
          align: 'right',
          render: (_, s) => (s.damaged ? <Typography.Text type="danger">{s.damaged}</Typography.Text> : 0),
        },
        {
          key: 'remaining',
          title: t('inbound.col.remaining'),
          align: 'right',
          render: (_, s) => Math.max(0, s.planned - s.received - s.damaged),
        },
        { key: 'staged', title: t('inbound.col.staged'), align: 'right', dataIndex: 'staged' },
        ...(compact
          ? []
          : [
              { key: 'lot', title: t('inbound.col.lot'), render: (_: unknown, s: PlanSku) => <OrDash>{s.lot?.code}</OrDash> },
              { key: 'on', title: t('inbound.col.receivedOn'), render: (_: unknown, s: PlanSku) => <OrDash>{s.lot?.received_on}</OrDash> },
            ]),
      ]}
    />
  );
}

export function DiscrepancyTable({ rows }: { rows: Discrepancy[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<Discrepancy>
      data-testid="plan-discrepancies"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('inbound.detail.noDiscrepancies') }}
      columns={[
        { key: 'kind', title: t('inbound.col.kind'), render: (_, d) => <DiscrepancyTag kind={d.kind} /> },
        { key: 'carton', title: t('inbound.col.carton'), render: (_, d) => <OrDash>{d.carton_no}</OrDash> },
        { key: 'code', title: t('inbound.col.code'), render: (_, d) => d.seller_sku ?? d.scanned_barcode },
        { key: 'qty', title: t('inbound.col.quantity'), align: 'right', dataIndex: 'quantity' },
        { key: 'note', title: t('inbound.col.note'), render: (_, d) => <OrDash>{d.note}</OrDash> },
        { key: 'when', title: t('inbound.col.when'), render: (_, d) => formatDateTime(d.recorded_at, locale) },
      ]}
    />
  );
}

function CartonTable({ cartons }: { cartons: PlanCarton[] }) {
  const { t } = useI18n();
  return (
    <Table<PlanCarton>
      data-testid="plan-cartons"
      size="small"
      rowKey="id"
      pagination={cartons.length > 50 ? { pageSize: 50 } : false}
      dataSource={cartons}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'no', title: t('inbound.col.carton'), dataIndex: 'carton_no' },
        { key: 'barcode', title: t('inbound.col.barcode'), render: (_, c) => <code>{c.barcode}</code> },
        { key: 'size', title: t('inbound.col.size'), render: (_, c) => `${c.length_mm / 10} × ${c.width_mm / 10} × ${c.height_mm / 10}` },
        { key: 'weight', title: t('inbound.col.weight'), align: 'right', render: (_, c) => (c.weight_g / 1000).toFixed(2) },
        { key: 'status', title: t('inbound.col.status'), render: (_, c) => <CartonStatusTag status={c.status} /> },
        {
          key: 'contents',
          title: t('inbound.col.contents'),
          render: (_, c) =>
            c.items.map((i) => (
              <div key={i.id}>
                {i.seller_sku} × {i.quantity}
                {i.received || i.damaged ? (
                  <Typography.Text type="secondary">
                    {' '}
                    ({i.received}
                    {i.damaged ? ` + ${i.damaged}` : ''})
                  </Typography.Text>
                ) : null}
              </div>
            )),
        },
      ]}
    />
  );
}
