import { DownloadOutlined, ExclamationCircleOutlined, FileDoneOutlined, FilePdfOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, type ListPage } from '../api';
import { DocumentTypeTag, InvoiceNumber, InvoiceStatusTag } from '../components/billing/billing-labels';
import { CreditNoteModal } from '../components/billing/credit-note-modal';
import { DisputeStatusTag } from '../components/billing/dispute-labels';
import { DISPUTES_KEY, DisputeModal } from '../components/billing/dispute-modal';
import { LineDrilldown } from '../components/billing/line-drilldown';
import { INVOICES_KEY } from '../components/billing/run-billing-modal';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime, formatDay } from '../lib/format-date';
import { formatMoney, formatRate } from '../lib/format-money';
import { moduleColour, moduleLabel } from '../lib/fee-module';
import { localizedText } from '../lib/localized-text';
import { useSession } from '../session/session-context';
import type { InvoiceDetail, InvoiceLine } from '../types-billing';
import type { Dispute } from '../types-disputes';

/** Σ of minor units as a Money in the invoice's currency (subtotals are sums of rounded lines). */
function subtotal(lines: InvoiceLine[], currency: string, digits: number) {
  const minor = lines.reduce((n, l) => n + BigInt(l.amount.amount_minor), 0n);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const amount = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return { currency, amount_minor: minor.toString(), amount: `${negative ? '-' : ''}${amount}` };
}

/** One invoice or credit note: header, lines by fee module with subtotals, drill-down, exports, finalize and credit. */
export function InvoicePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { can, isStaff } = useSession();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState<InvoiceLine | null>(null);
  const [crediting, setCrediting] = useState(false);
  const [disputing, setDisputing] = useState<InvoiceLine | null>(null);
  const key = [INVOICES_KEY, 'one', id];
  const invoice = useQuery({ queryKey: key, queryFn: () => api<InvoiceDetail>(`/v1/invoices/${id}`) });
  const disputes = useQuery({
    queryKey: [DISPUTES_KEY, 'invoice', id],
    queryFn: () => api<ListPage<Dispute>>(`/v1/invoices/${id}/disputes`, { query: { limit: 100 } }),
    enabled: can('disputes:read'),
  });
  const sellerDisputes = !isStaff && can('disputes:write') && invoice.data?.document_type === 'invoice';
  const finalize = useMutation({
    mutationFn: () => api<InvoiceDetail>(`/v1/invoices/${id}/finalize`, { method: 'POST' }),
    onSuccess: (done) => {
      queryClient.setQueryData(key, done);
      void queryClient.invalidateQueries({ queryKey: [INVOICES_KEY, 'list'] });
      message.success(t('bills.finalized', { number: done.number ?? '' }));
    },
  });

  const groups = useMemo(() => {
    const byModule = new Map<string, InvoiceLine[]>();
    for (const line of invoice.data?.lines ?? []) byModule.set(line.module, [...(byModule.get(line.module) ?? []), line]);
    return [...byModule.entries()];
  }, [invoice.data]);

  const columns = useMemo<TableColumnsType<InvoiceLine>>(
    () => [
      { key: 'no', title: '#', dataIndex: 'line_no', width: 48 },
      {
        key: 'label',
        title: t('bills.line.label'),
        render: (_, l) => (
          <div>
            <Typography.Text strong>{localizedText(l.label, locale)}</Typography.Text>
            <div>
              <Typography.Text code>{l.rule.rule_id}</Typography.Text>
              <Typography.Text type="secondary"> {l.rule.card_code ? `${l.rule.card_code} v${l.rule.card_version}` : null}</Typography.Text>
            </div>
            {l.note ? <Tag color="orange">{localizedText(l.note, locale)}</Tag> : null}
            {l.warnings.map((w) => (
              <Tag key={w.en} color="warning">
                {localizedText(w, locale)}
              </Tag>
            ))}
          </div>
        ),
      },
      {
        key: 'arithmetic',
        title: t('bills.line.arithmetic'),
        render: (_, l) => (
          <div style={{ maxWidth: 520 }}>
            <Typography.Text>
              {l.quantity} {l.unit} × {formatRate(l.rate, l.amount.currency, locale)}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {localizedText(l.formula, locale)}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      {
        key: 'amount',
        title: t('bills.line.amount'),
        align: 'right',
        render: (_, l) => <Typography.Text strong>{formatMoney(l.amount, locale)}</Typography.Text>,
      },
      {
        key: 'events',
        title: t('bills.line.events'),
        align: 'right',
        render: (_, l) =>
          l.selector ? (
            <Button size="small" type="link" data-testid={`line-open-${l.line_no}`} onClick={() => setOpened(l)}>
              {t('bills.line.open', { count: l.event_count })}
            </Button>
          ) : (
            <OrDash>{null}</OrDash>
          ),
      },
      ...(sellerDisputes
        ? [
            {
              key: 'dispute',
              title: '',
              render: (_: unknown, l: InvoiceLine) =>
                BigInt(l.amount.amount_minor) > 0n ? (
                  <Button
                    size="small"
                    icon={<ExclamationCircleOutlined />}
                    data-testid={`line-dispute-${l.line_no}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      setDisputing(l);
                    }}
                  >
                    {t('bills.disputeLine')}
                  </Button>
                ) : null,
            },
          ]
        : []),
    ],
    [t, locale, sellerDisputes],
  );

  if (invoice.isLoading) return <Spin />;
  if (invoice.error || !invoice.data) return <ErrorAlert error={invoice.error} onRetry={() => void invoice.refetch()} />;
  const inv = invoice.data;
  const digits = inv.total.amount.split('.')[1]?.length ?? 0;
  const staffWrites = isStaff && can('billing:write');
  const [year, month] = inv.period.split('-').map(Number) as [number, number];
  const lastDay = `${inv.period}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;

  return (
    <>
      <PageHeader
        title={
          <Space>
            <InvoiceNumber invoice={inv} />
            <DocumentTypeTag type={inv.document_type} />
            <InvoiceStatusTag status={inv.status} />
          </Space>
        }
        extra={
          <>
            <Button
              icon={<FilePdfOutlined />}
              href={`/v1/invoices/${inv.id}/pdf?lang=${locale === 'zh-CN' ? 'zh-CN' : 'en'}`}
              data-testid="invoice-download-pdf"
            >
              {t('bills.download.pdf')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`/v1/invoices/${inv.id}/detail.csv`} data-testid="invoice-download-csv">
              {t('bills.download.csv')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`/v1/invoices/${inv.id}/detail.xlsx`} data-testid="invoice-download-xlsx">
              {t('bills.download.xlsx')}
            </Button>
            {staffWrites && inv.status === 'draft' && inv.document_type === 'invoice' ? (
              <Popconfirm
                title={t('bills.finalizeConfirm.title')}
                description={t('bills.finalizeConfirm.body')}
                onConfirm={() => finalize.mutate()}
                okText={t('bills.finalize')}
              >
                <Button type="primary" icon={<FileDoneOutlined />} loading={finalize.isPending} data-testid="invoice-finalize">
                  {t('bills.finalize')}
                </Button>
              </Popconfirm>
            ) : null}
            {staffWrites && inv.status === 'finalized' && inv.document_type === 'invoice' ? (
              <Button danger icon={<RollbackOutlined />} onClick={() => setCrediting(true)} data-testid="invoice-credit">
                {t('bills.credit.open')}
              </Button>
            ) : null}
          </>
        }
      />
      {finalize.error ? <ErrorAlert error={finalize.error} /> : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="invoice-header">
          <Descriptions.Item label={t('bills.col.account')}>{inv.account_code}</Descriptions.Item>
          <Descriptions.Item label={t('bills.col.period')}>
            {inv.period} ({formatDay(`${inv.period}-01`, locale)} – {formatDay(lastDay, locale)}, {inv.time_zone})
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.currency')}>{inv.currency}</Descriptions.Item>
          <Descriptions.Item label={t('bills.col.total')}>
            <Typography.Text strong data-testid="invoice-total">
              {formatMoney(inv.total, locale)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.fx')}>
            {inv.fx ? (
              <span data-testid="invoice-fx">
                {formatMoney(inv.fx.total, locale)}{' '}
                <Typography.Text type="secondary">
                  {t('bills.fxAt', { rate: inv.fx.rate, date: formatDay(inv.fx.date, locale) ?? inv.fx.date })}
                </Typography.Text>
              </span>
            ) : (
              <OrDash>{null}</OrDash>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.cards')}>
            {inv.cards.map((c) => (
              <Tag key={`${c.code}-${c.version}-${c.from}`}>
                {c.code} v{c.version} · {c.from} – {c.to}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.eventsThrough')}>{formatDateTime(inv.events_through, locale)}</Descriptions.Item>
          {inv.finalized_at ? (
            <Descriptions.Item label={t('bills.finalizedAt')}>{formatDateTime(inv.finalized_at, locale)}</Descriptions.Item>
          ) : null}
          {inv.credit_of ? (
            <Descriptions.Item label={t('bills.creditOf')}>
              <Link to={`/bills/${inv.credit_of}`}>{t('bills.creditOfLink')}</Link> {inv.reason ? `· ${inv.reason}` : null}
            </Descriptions.Item>
          ) : null}
          {inv.credit_notes.length > 0 ? (
            <Descriptions.Item label={t('bills.creditNotes')}>
              {inv.credit_notes.map((n) => (
                <Link key={n.id} to={`/bills/${n.id}`} style={{ marginRight: 8 }}>
                  {n.number} ({formatMoney(n.total, locale)})
                </Link>
              ))}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {inv.status === 'draft' ? <Alert type="info" showIcon title={t('bills.draftNote')} style={{ marginBottom: 16 }} /> : null}
      {inv.warnings.map((w) => (
        <Alert key={w.en} type="warning" showIcon title={localizedText(w, locale)} style={{ marginBottom: 8 }} />
      ))}
      {groups.length === 0 ? <Alert type="info" title={t('bills.noLines')} /> : null}
      {groups.map(([module, lines]) => (
        <Card
          key={module}
          size="small"
          style={{ marginBottom: 12, borderLeft: `4px solid ${moduleColour(module)}` }}
          title={moduleLabel(module, t)}
          extra={
            <Typography.Text strong data-testid={`module-subtotal-${module}`}>
              {t('bills.subtotal')} {formatMoney(subtotal(lines, inv.currency, digits), locale)}
            </Typography.Text>
          }
          data-testid={`invoice-module-${module}`}
        >
          <Table<InvoiceLine>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={lines}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(l) => ({
              onClick: () => (l.selector ? setOpened(l) : undefined),
              style: { cursor: l.selector ? 'pointer' : undefined },
            })}
          />
        </Card>
      ))}
      <Card size="small">
        <Typography.Text strong>
          {t('bills.col.total')} {formatMoney(inv.total, locale)}
        </Typography.Text>
        {BigInt(inv.credited.amount_minor) !== 0n ? (
          <Typography.Text type="secondary"> · {t('bills.credited', { amount: formatMoney(inv.credited, locale) })}</Typography.Text>
        ) : null}
      </Card>
      {disputes.data && disputes.data.data.length > 0 ? (
        <Card size="small" title={t('bills.disputes.title')} style={{ marginTop: 12 }} data-testid="invoice-disputes">
          {disputes.data.data.map((d) => (
            <div key={d.id} style={{ marginBottom: 4 }}>
              <Link to={`/disputes/${d.id}`}>{d.number}</Link> <DisputeStatusTag status={d.status} />{' '}
              {d.line ? `#${d.line.line_no ?? '?'}` : null} {t(`disputes.reason.${d.reason_code}`)} · {formatMoney(d.disputed, locale)}
            </div>
          ))}
        </Card>
      ) : null}
      <LineDrilldown invoiceId={inv.id} line={opened} onClose={() => setOpened(null)} />
      <DisputeModal invoiceId={inv.id} line={disputing} onClose={() => setDisputing(null)} />
      {crediting ? <CreditNoteModal invoice={inv} open={crediting} onClose={() => setCrediting(false)} /> : null}
    </>
  );
}
