import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { InspectionForm } from '../components/returns/inspection-form';
import { formatHours, RmaStatusTag, WorkOrderStatusTag } from '../components/returns/labels';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { skuTitle } from '../lib/localized-name';
import { useSession } from '../session/session-context';
import type { Rma, RmaLine, WorkOrder } from '../types-returns';

/** One RMA: its clock, its lines with grades and dispositions, inspection at the bench, its work orders. */
export function ReturnPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { can, isStaff } = useSession();
  const queryClient = useQueryClient();
  const rma = useQuery({ queryKey: ['returns', 'one', id], queryFn: () => api<Rma>(`/v1/returns/${id}`) });
  const cancel = useMutation({
    mutationFn: () => api<Rma>(`/v1/returns/${id}/cancel`, { method: 'POST' }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['returns', 'one', id], updated);
      void queryClient.invalidateQueries({ queryKey: ['returns'] });
      message.success(t('returns.cancelled', { number: updated.number }));
    },
  });

  if (rma.isLoading) return <Spin />;
  if (rma.error || !rma.data) return <ErrorAlert error={rma.error} onRetry={() => void rma.refetch()} />;
  const r = rma.data;

  const lineColumns: TableColumnsType<RmaLine> = [
    { key: 'no', title: '#', dataIndex: 'line_no', width: 48 },
    {
      key: 'sku',
      title: t('returns.line.sku'),
      render: (_, l) => (
        <span>
          <Typography.Text strong>{l.seller_sku}</Typography.Text>
          <Typography.Text type="secondary"> {skuTitle(l, locale)}</Typography.Text>
          {l.split_from_line_id ? <Tag style={{ marginLeft: 6 }}>{t('returns.line.split')}</Tag> : null}
        </span>
      ),
    },
    { key: 'expected', title: t('returns.line.expected'), dataIndex: 'expected_quantity', align: 'right' },
    { key: 'received', title: t('returns.line.received'), dataIndex: 'received_quantity', align: 'right' },
    {
      key: 'grade',
      title: t('returns.line.grade'),
      render: (_, l) => (l.grade ? <Tag>{`${l.grade} · ${t(`returns.grade.${l.grade}`)}`}</Tag> : <OrDash>{null}</OrDash>),
    },
    {
      key: 'disposition',
      title: t('returns.line.disposition'),
      render: (_, l) => <OrDash>{l.disposition ? t(`returns.disposition.${l.disposition}`) : null}</OrDash>,
    },
    {
      key: 'evidence',
      title: t('returns.line.evidence'),
      render: (_, l) =>
        l.evidence ? (
          <span>
            {l.evidence.photos.map((p) =>
              /^https?:\/\//.test(p) ? (
                <a key={p} href={p} target="_blank" rel="noreferrer" style={{ marginRight: 6 }}>
                  {t('returns.line.photo')}
                </a>
              ) : (
                <Typography.Text key={p} code>
                  {p}
                </Typography.Text>
              ),
            )}
            {l.evidence.note ? <Typography.Text type="secondary"> {l.evidence.note}</Typography.Text> : null}
          </span>
        ) : (
          <OrDash>{null}</OrDash>
        ),
    },
  ];

  const orderColumns: TableColumnsType<WorkOrder> = [
    { key: 'number', title: t('workOrders.col.number'), render: (_, o) => <Link to={`/work-orders?q=${o.number}`}>{o.number}</Link> },
    { key: 'kind', title: t('workOrders.col.kind'), render: (_, o) => t(`workOrders.kind.${o.kind}`) },
    { key: 'status', title: t('workOrders.col.status'), render: (_, o) => <WorkOrderStatusTag status={o.status} /> },
    { key: 'quantity', title: t('workOrders.col.quantity'), dataIndex: 'quantity', align: 'right' },
  ];

  return (
    <>
      <PageHeader
        title={
          <span data-testid="rma-number">
            {r.number} <RmaStatusTag status={r.status} />
          </span>
        }
        extra={
          r.status === 'authorised' && can('returns:write') ? (
            <Popconfirm
              title={t('returns.cancelConfirm')}
              onConfirm={() => cancel.mutate()}
              okText={t('returns.cancel')}
              cancelText={t('common.cancel')}
            >
              <Button danger loading={cancel.isPending}>
                {t('returns.cancel')}
              </Button>
            </Popconfirm>
          ) : null
        }
      />
      {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          {isStaff ? <Descriptions.Item label={t('returns.col.account')}>{r.account_code}</Descriptions.Item> : null}
          <Descriptions.Item label={t('returns.col.source')}>
            {t(`returns.source.${r.source}`)}
            {r.channel ? ` · ${r.channel} ${r.channel_return_id ?? ''}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.col.order')}>
            <OrDash>{r.order_reference}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.col.warehouse')}>{r.warehouse_code}</Descriptions.Item>
          <Descriptions.Item label={t('returns.new.tracking')}>
            <OrDash>{[r.carrier, r.tracking_number].filter(Boolean).join(' ') || null}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.new.reason')}>
            <OrDash>{r.reason}</OrDash>
          </Descriptions.Item>
          {r.scanned_code ? <Descriptions.Item label={t('returns.unexpected.scanned')}>{r.scanned_code}</Descriptions.Item> : null}
          <Descriptions.Item label={t('returns.col.authorised')}>{formatDateTime(r.authorised_at, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('returns.col.received')}>
            <OrDash>{formatDateTime(r.received_at, locale)}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.detail.closed')}>
            <OrDash>{formatDateTime(r.closed_at ?? r.cancelled_at, locale)}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.clock.col.transit')}>
            <OrDash>{formatHours(r.clock.transit_hours, t)}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.clock.col.inspection')}>
            <OrDash>{formatHours(r.clock.inspection_hours, t)}</OrDash>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.clock.col.processing')}>
            <OrDash>{formatHours(r.clock.processing_hours, t)}</OrDash>
          </Descriptions.Item>
          {r.note ? <Descriptions.Item label={t('returns.unexpected.note')}>{r.note}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t('returns.detail.lines')} style={{ marginTop: 16 }}>
        <Table<RmaLine>
          size="small"
          rowKey="id"
          columns={lineColumns}
          dataSource={r.lines}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="rma-lines"
        />
      </Card>
      {r.status === 'received' && isStaff && can('warehouse_ops:write') ? <InspectionForm key={r.updated_at ?? r.id} rma={r} /> : null}
      {r.work_orders.length > 0 ? (
        <Card size="small" title={t('returns.detail.workOrders')} style={{ marginTop: 16 }}>
          <Table<WorkOrder> size="small" rowKey="id" columns={orderColumns} dataSource={r.work_orders} pagination={false} />
        </Card>
      ) : null}
    </>
  );
}
