import { useQuery } from '@tanstack/react-query';
import { Card, Table, type TableColumnsType, Typography } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import type { DurationStats, ProcessingTime } from '../../types-returns';
import { ErrorAlert } from '../error-alert';
import { formatHours } from './labels';

/** The processing clock per seller: average and 90th percentile of each stage. */
export function ProcessingTimes({ accountId }: { accountId: string | null }) {
  const { t } = useI18n();
  const report = useQuery({
    queryKey: ['returns', 'processing-times', accountId],
    queryFn: () => api<{ data: ProcessingTime[]; sla_days: number }>('/v1/returns/processing-times', { query: { account_id: accountId } }),
  });
  const stats = (s: DurationStats) =>
    s.count === 0 ? (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    ) : (
      <span>
        {formatHours(s.average_hours, t)} <Typography.Text type="secondary">/ p90 {formatHours(s.p90_hours, t)}</Typography.Text>
      </span>
    );
  const columns: TableColumnsType<ProcessingTime> = [
    { key: 'account', title: t('returns.clock.col.account'), dataIndex: 'account_code' },
    { key: 'rmas', title: t('returns.clock.col.rmas'), dataIndex: 'authorised', align: 'right' },
    { key: 'awaiting', title: t('returns.clock.col.awaiting'), dataIndex: 'awaiting_parcel', align: 'right' },
    { key: 'closed', title: t('returns.clock.col.closed'), dataIndex: 'closed', align: 'right' },
    {
      key: 'overdue',
      title: t('returns.clock.col.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { key: 'transit', title: t('returns.clock.col.transit'), render: (_, r) => stats(r.transit) },
    { key: 'inspection', title: t('returns.clock.col.inspection'), render: (_, r) => stats(r.inspection) },
    { key: 'processing', title: t('returns.clock.col.processing'), render: (_, r) => stats(r.processing) },
  ];
  return (
    <Card size="small" title={t('returns.clock.title')} style={{ marginTop: 24 }} data-testid="returns-clock">
      <Typography.Paragraph type="secondary">{t('returns.clock.help', { days: report.data?.sla_days ?? 10 })}</Typography.Paragraph>
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      <Table<ProcessingTime>
        size="small"
        rowKey="account_id"
        columns={columns}
        dataSource={report.data?.data ?? []}
        loading={report.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
