import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, Row, Select, Spin, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { recentPeriods } from '../components/billing/billing-labels';
import { CarrierMixChart, FeeMixChart, StorageAgeingChart, UnitCostChart, VarianceChart } from '../components/billing/report-charts';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n/i18n-context';
import { formatDay } from '../lib/format-date';
import { formatAmount, formatMoney } from '../lib/format-money';
import { moduleLabel } from '../lib/fee-module';
import { useAccountScope } from '../session/account-scope';
import type { BillingReport } from '../types-billing';

type Month = BillingReport['months'][number];
type VarianceRow = NonNullable<BillingReport['variance']>['rows'][number];
type LongTermRow = BillingReport['long_term'][number];

/** What the operations cost, from the invoices: per order and unit, fee mix, storage and ageing, carriers, quote vs actual. */
export function BillingReportsPage() {
  const { t, locale } = useI18n();
  const { listAccountId } = useAccountScope();
  const periods = recentPeriods(37);
  const [to, setTo] = useState(periods[0] as string);
  const [from, setFrom] = useState(periods[5] as string);
  const report = useQuery({
    queryKey: ['billing-reports', from, to, listAccountId],
    queryFn: () => api<BillingReport>('/v1/billing/reports', { query: { from, to, account_id: listAccountId } }),
  });
  const r = report.data;
  const signed = (text: string | null, currency: string) =>
    text === null ? null : (
      <Typography.Text type={text.startsWith('-') ? 'success' : Number(text) > 0 ? 'danger' : undefined}>
        {formatAmount(text, currency, locale)}
      </Typography.Text>
    );

  const monthColumns: TableColumnsType<Month> = [
    { key: 'period', title: t('bills.col.period'), dataIndex: 'period' },
    { key: 'invoices', title: t('reports.invoices'), dataIndex: 'invoices', align: 'right' },
    {
      key: 'total',
      title: t('bills.col.total'),
      align: 'right',
      render: (_, m) => <Typography.Text strong>{formatMoney(m.total, locale)}</Typography.Text>,
    },
    { key: 'orders', title: t('reports.orders'), dataIndex: 'orders', align: 'right' },
    { key: 'units', title: t('reports.units'), dataIndex: 'units', align: 'right' },
    {
      key: 'per_order',
      title: t('reports.perOrder'),
      align: 'right',
      render: (_, m) => <OrDash>{m.per_order ? formatAmount(m.per_order, m.currency, locale) : null}</OrDash>,
    },
    {
      key: 'per_unit',
      title: t('reports.perUnit'),
      align: 'right',
      render: (_, m) => <OrDash>{m.per_unit ? formatAmount(m.per_unit, m.currency, locale) : null}</OrDash>,
    },
    { key: 'storage', title: t('module.storage'), align: 'right', render: (_, m) => formatMoney(m.storage, locale) },
    { key: 'long_term', title: t('module.long_term_storage'), align: 'right', render: (_, m) => formatMoney(m.long_term_storage, locale) },
    { key: 'ft3', title: t('reports.ft3Months'), dataIndex: 'ft3_months', align: 'right' },
  ];
  const longTermColumns: TableColumnsType<LongTermRow> = [
    { key: 'period', title: t('bills.col.period'), dataIndex: 'period' },
    {
      key: 'band',
      title: t('reports.cardBand'),
      render: (_, l) => t('reports.days', { from: l.from_day ?? 0, to: l.to_day === null ? '∞' : l.to_day }),
    },
    { key: 'quantity', title: t('reports.ft3Months'), dataIndex: 'quantity', align: 'right' },
    { key: 'amount', title: t('bills.line.amount'), align: 'right', render: (_, l) => formatMoney(l.amount, locale) },
  ];
  const varianceColumns: TableColumnsType<VarianceRow> = [
    { key: 'module', title: t('reports.variance.module'), render: (_, v) => moduleLabel(v.module, t) },
    {
      key: 'quote_monthly',
      title: t('reports.variance.quoteMonthly'),
      align: 'right',
      render: (_, v) => formatMoney(v.quote_monthly, locale),
    },
    {
      key: 'actual_monthly',
      title: t('reports.variance.actualMonthly'),
      align: 'right',
      render: (_, v) => formatMoney(v.actual_monthly, locale),
    },
    {
      key: 'variance_monthly',
      title: t('reports.variance.difference'),
      align: 'right',
      render: (_, v) => signed(v.variance_monthly.amount, v.variance_monthly.currency),
    },
    {
      key: 'quote_unit',
      title: t('reports.variance.quotePerUnit'),
      align: 'right',
      render: (_, v) => <OrDash>{v.quote_per_unit ? formatAmount(v.quote_per_unit, v.quote_monthly.currency, locale) : null}</OrDash>,
    },
    {
      key: 'actual_unit',
      title: t('reports.variance.actualPerUnit'),
      align: 'right',
      render: (_, v) => <OrDash>{v.actual_per_unit ? formatAmount(v.actual_per_unit, v.quote_monthly.currency, locale) : null}</OrDash>,
    },
    {
      key: 'variance_unit',
      title: t('reports.variance.difference'),
      align: 'right',
      render: (_, v) => <OrDash>{signed(v.variance_per_unit, v.quote_monthly.currency)}</OrDash>,
    },
  ];

  return (
    <>
      <PageHeader title={t('reports.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('reports.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('reports.from')}</Typography.Text>
        <Select
          data-testid="reports-from"
          value={from}
          onChange={setFrom}
          style={{ width: 120 }}
          options={periods.map((p) => ({ value: p, label: p }))}
        />
        <Typography.Text>{t('reports.to')}</Typography.Text>
        <Select
          data-testid="reports-to"
          value={to}
          onChange={setTo}
          style={{ width: 120 }}
          options={periods.map((p) => ({ value: p, label: p }))}
        />
      </Flex>
      {report.isLoading ? <Spin /> : null}
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <div data-testid="billing-reports">
          {r.months.length === 0 ? <Empty description={t('reports.empty')} style={{ marginBottom: 16 }} /> : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('reports.unitCost.title')}>
                <UnitCostChart report={r} />
                {r.months.every((m) => Number(m.orders) === 0) ? (
                  <Typography.Text type="secondary">{t('reports.unitCost.noOrders')}</Typography.Text>
                ) : null}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('reports.feeMix.title')}>
                <FeeMixChart report={r} />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('reports.months.title')}>
                <Table<Month>
                  rowKey={(m) => `${m.period}-${m.currency}`}
                  size="small"
                  columns={monthColumns}
                  dataSource={r.months}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  data-testid="report-months-table"
                />
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                  {t('reports.months.note')}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('reports.ageing.title')}>
                <StorageAgeingChart report={r} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('reports.longTerm.title')}>
                <Table<LongTermRow>
                  rowKey={(l) => `${l.period}-${l.from_day}-${l.currency}`}
                  size="small"
                  columns={longTermColumns}
                  dataSource={r.long_term}
                  pagination={false}
                  locale={{ emptyText: t('reports.longTerm.empty') }}
                />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('reports.carriers.title')}>
                {r.carriers.length > 0 ? (
                  <CarrierMixChart report={r} />
                ) : (
                  <Typography.Text type="secondary">{t('reports.carriers.empty')}</Typography.Text>
                )}
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('reports.variance.title')} data-testid="report-variance">
                {r.variance === null ? (
                  <Typography.Text type="secondary">
                    {r.account_id ? t('reports.variance.noQuote') : t('reports.variance.pickAccount')}
                  </Typography.Text>
                ) : !r.variance.comparable ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('reports.variance.otherCurrency', { quote: r.variance.currency, actual: r.variance.actual_currency ?? '—' })}
                  />
                ) : (
                  <>
                    <Typography.Paragraph>
                      {t('reports.variance.summary', {
                        date: formatDay(r.variance.quote_date, locale) ?? r.variance.quoted_at.slice(0, 10),
                        quoteUnits: r.variance.quote_units_per_month ?? '—',
                        months: r.variance.months,
                        actualUnits: r.variance.actual_units,
                        quoteTotal: formatMoney(r.variance.quote_monthly_total, locale),
                        actualTotal: formatMoney(r.variance.actual_monthly_total, locale),
                      })}{' '}
                      <Link to={`/quotes/${r.variance.quote_id}`}>{t('reports.variance.openQuote')}</Link>
                    </Typography.Paragraph>
                    <VarianceChart report={r} />
                    <Table<VarianceRow>
                      rowKey="module"
                      size="small"
                      columns={varianceColumns}
                      dataSource={r.variance.rows}
                      pagination={false}
                      scroll={{ x: 'max-content' }}
                    />
                  </>
                )}
              </Card>
            </Col>
          </Row>
        </div>
      ) : null}
    </>
  );
}
