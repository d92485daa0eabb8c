import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { OrDash } from '../components/empty-value';
import { PageHeader } from '../components/page-header';
import { PagedTable } from '../components/paged-table';
import { CycleCountModal, CycleCountStatusTag, OpenCycleCountModal } from '../components/stock-operations/cycle-count-modals';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import type { CycleCount } from '../types-stock-operations';

const STATUSES = ['open', 'submitted', 'approved', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/** Staff: cycle counts — open for a zone or some locations, count, submit, review the variances, approve. */
export function CycleCountsPage() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [opening, setOpening] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const list = useCursorList<CycleCount>('cycle-counts', '/v1/cycle-counts', { status: status === 'all' ? null : status });

  const columns = useMemo<TableColumnsType<CycleCount>>(
    () => [
      { key: 'number', title: t('cycleCounts.col.number'), render: (_, c) => <Typography.Text strong>{c.number}</Typography.Text> },
      { key: 'status', title: t('cycleCounts.col.status'), render: (_, c) => <CycleCountStatusTag status={c.status} /> },
      { key: 'warehouse', title: t('cycleCounts.col.warehouse'), render: (_, c) => c.warehouse_code },
      {
        key: 'progress',
        title: t('cycleCounts.col.progress'),
        align: 'right',
        render: (_, c) => t('cycleCounts.progress', { counted: c.lines.filter((l) => l.counted !== null).length, lines: c.lines.length }),
      },
      { key: 'off', title: t('cycleCounts.col.unitsOff'), align: 'right', render: (_, c) => c.units_off },
      { key: 'created', title: t('cycleCounts.col.created'), render: (_, c) => formatDateTime(c.created_at, locale) },
      {
        key: 'approved',
        title: t('cycleCounts.col.approved'),
        render: (_, c) => <OrDash>{formatDateTime(c.approved_at, locale)}</OrDash>,
      },
      {
        key: 'actions',
        render: (_, c) => (
          <Button
            size="small"
            type={c.status === 'open' || c.status === 'submitted' ? 'primary' : 'default'}
            onClick={() => setViewing(c.id)}
            data-testid={`cycle-count-view-${c.number}`}
          >
            {c.status === 'open'
              ? t('cycleCounts.enterCounts')
              : c.status === 'submitted'
                ? t('cycleCounts.reviewButton')
                : t('common.view')}
          </Button>
        ),
      },
    ],
    [t, locale],
  );

  return (
    <>
      <PageHeader
        title={t('cycleCounts.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="cycle-count-new">
            {t('cycleCounts.open.button')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('cycleCounts.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={12} wrap style={{ margin: '16px 0' }}>
        <Segmented<Status | 'all'>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('transfers.status.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`cycleCounts.status.${s}`) })),
          ]}
          data-testid="cycle-count-status"
        />
      </Flex>
      <PagedTable<CycleCount> list={list} columns={columns} testId="cycle-count-table" emptyText={t('cycleCounts.empty')} size="small" />
      <OpenCycleCountModal
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(count) => {
          void list.refetch();
          setViewing(count.id);
        }}
      />
      <CycleCountModal countId={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
