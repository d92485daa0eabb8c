import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Flex, Select, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DocumentTypeTag, InvoiceNumber, InvoiceStatusTag, recentPeriods } from '../components/billing/billing-labels';
import { INVOICES_KEY, RunBillingModal } from '../components/billing/run-billing-modal';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { formatMoney } from '../lib/format-money';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { Invoice, InvoiceStatus } from '../types-billing';

/** Invoices and credit notes: a seller's own, or (staff) every account's or the one picked in the switcher. */
export function BillsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { can, isStaff } = useSession();
  const { listAccountId } = useAccountScope();
  const [period, setPeriod] = useState<string | undefined>();
  const [status, setStatus] = useState<InvoiceStatus | undefined>();
  const [running, setRunning] = useState(false);
  const list = useCursorList<Invoice>(INVOICES_KEY, '/v1/invoices', { account_id: listAccountId, period, status });

  const columns = useMemo<TableColumnsType<Invoice>>(
    () => [
      {
        key: 'number',
        title: t('bills.col.number'),
        render: (_, i) => (
          <Link to={`/bills/${i.id}`} data-testid={`invoice-link-${i.account_code}-${i.period}`}>
            <InvoiceNumber invoice={i} />
          </Link>
        ),
      },
      { key: 'type', title: t('bills.col.type'), render: (_, i) => <DocumentTypeTag type={i.document_type} /> },
      ...(isStaff ? [{ key: 'account', title: t('bills.col.account'), render: (_: unknown, i: Invoice) => i.account_code }] : []),
      { key: 'period', title: t('bills.col.period'), dataIndex: 'period' },
      { key: 'status', title: t('bills.col.status'), render: (_, i) => <InvoiceStatusTag status={i.status} /> },
      {
        key: 'total',
        title: t('bills.col.total'),
        align: 'right',
        render: (_, i) => <Typography.Text strong>{formatMoney(i.total, locale)}</Typography.Text>,
      },
      {
        key: 'fx',
        title: t('bills.col.fx'),
        align: 'right',
        render: (_, i) => <OrDash>{i.fx ? formatMoney(i.fx.total, locale) : null}</OrDash>,
      },
      {
        key: 'when',
        title: t('bills.col.when'),
        render: (_, i) => formatDateTime(i.finalized_at ?? i.computed_at, locale),
      },
    ],
    [t, locale, isStaff],
  );

  return (
    <>
      <PageHeader
        title={t('bills.title')}
        extra={
          isStaff && can('billing:write') ? (
            <Button data-testid="billing-run-open" type="primary" icon={<ThunderboltOutlined />} onClick={() => setRunning(true)}>
              {t('bills.run.open')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('bills.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          data-testid="bills-filter-period"
          allowClear
          placeholder={t('bills.filter.period')}
          value={period}
          onChange={setPeriod}
          style={{ minWidth: 160 }}
          options={recentPeriods(25).map((p) => ({ value: p, label: p }))}
        />
        <Select
          data-testid="bills-filter-status"
          allowClear
          placeholder={t('common.anyStatus')}
          value={status}
          onChange={setStatus}
          style={{ minWidth: 160 }}
          options={[
            { value: 'draft', label: t('bills.status.draft') },
            { value: 'finalized', label: t('bills.status.finalized') },
          ]}
        />
      </Flex>
      <PagedTable<Invoice>
        list={list}
        columns={columns}
        testId="invoice-table"
        emptyText={t('bills.empty')}
        onRow={(i) => ({ onDoubleClick: () => navigate(`/bills/${i.id}`) })}
        hideErrorWhileLoadingMore
      />
      <RunBillingModal
        open={running}
        onClose={() => setRunning(false)}
        onShowDrafts={(p) => {
          setPeriod(p);
          setStatus('draft');
        }}
      />
    </>
  );
}
