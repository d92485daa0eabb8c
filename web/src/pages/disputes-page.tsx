import { Flex, Select, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DISPUTES_KEY } from '../components/billing/dispute-modal';
import { DisputeStatusTag } from '../components/billing/dispute-labels';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { formatMoney } from '../lib/format-money';
import { localizedText } from '../lib/localized-text';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import { DISPUTE_STATUSES, type Dispute, type DisputeStatus } from '../types-disputes';

/** Disputes on invoice lines: the seller's own, or (staff) every account's to review and resolve. */
export function DisputesPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { isStaff } = useSession();
  const { listAccountId } = useAccountScope();
  const [status, setStatus] = useState<DisputeStatus | undefined>();
  const list = useCursorList<Dispute>(DISPUTES_KEY, '/v1/disputes', { account_id: listAccountId, status });

  const columns = useMemo<TableColumnsType<Dispute>>(
    () => [
      {
        key: 'number',
        title: t('disputes.col.number'),
        render: (_, d) => (
          <Link to={`/disputes/${d.id}`} data-testid={`dispute-link-${d.number}`}>
            {d.number}
          </Link>
        ),
      },
      ...(isStaff ? [{ key: 'account', title: t('bills.col.account'), render: (_: unknown, d: Dispute) => d.account_code }] : []),
      {
        key: 'invoice',
        title: t('disputes.col.invoice'),
        render: (_, d) => <Link to={`/bills/${d.invoice_id}`}>{d.invoice_number ?? t('bills.draftNumber')}</Link>,
      },
      {
        key: 'line',
        title: t('disputes.col.line'),
        render: (_, d) => (
          <OrDash>
            {d.line ? `#${d.line.line_no ?? '?'} ${d.line.label ? localizedText(d.line.label, locale) : ''}` : t('disputes.wholeInvoice')}
          </OrDash>
        ),
      },
      { key: 'reason', title: t('disputes.reason'), render: (_, d) => t(`disputes.reason.${d.reason_code}`) },
      { key: 'disputed', title: t('disputes.col.disputed'), align: 'right', render: (_, d) => formatMoney(d.disputed, locale) },
      {
        key: 'accepted',
        title: t('disputes.col.accepted'),
        align: 'right',
        render: (_, d) => <OrDash>{d.accepted ? formatMoney(d.accepted, locale) : null}</OrDash>,
      },
      { key: 'status', title: t('bills.col.status'), render: (_, d) => <DisputeStatusTag status={d.status} /> },
      { key: 'opened', title: t('disputes.col.opened'), render: (_, d) => formatDateTime(d.opened_at, locale) },
    ],
    [t, locale, isStaff],
  );

  return (
    <>
      <PageHeader title={t('disputes.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('disputes.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('common.anyStatus')}
          value={status}
          onChange={setStatus}
          style={{ minWidth: 180 }}
          options={DISPUTE_STATUSES.map((s) => ({ value: s, label: t(`disputes.status.${s}`) }))}
        />
      </Flex>
      <PagedTable<Dispute>
        list={list}
        columns={columns}
        testId="dispute-table"
        emptyText={t('disputes.empty')}
        onRow={(d) => ({ onDoubleClick: () => navigate(`/disputes/${d.id}`) })}
        hideErrorWhileLoadingMore
      />
    </>
  );
}
