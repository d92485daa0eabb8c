import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { formatHours, RmaStatusTag } from '../components/returns/labels';
import { NewReturnModal } from '../components/returns/new-return-modal';
import { ProcessingTimes } from '../components/returns/processing-times';
import { ScanToReceive } from '../components/returns/scan-to-receive';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { Rma } from '../types-returns';

type Queue = 'authorised' | 'received' | 'inspected' | 'closed' | 'all';

/** The returns queue: staff scan parcels in and inspect them; sellers follow their RMAs and the clock. */
export function ReturnsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { can, isStaff } = useSession();
  const { listAccountId, targetAccount } = useAccountScope();
  const [queue, setQueue] = useState<Queue>(isStaff ? 'received' : 'all');
  const [creating, setCreating] = useState(false);
  const list = useCursorList<Rma>('returns', '/v1/returns', { account_id: listAccountId, status: queue === 'all' ? null : queue });
  const bench = isStaff && can('warehouse_ops:write');

  const columns = useMemo<TableColumnsType<Rma>>(
    () => [
      {
        key: 'number',
        title: t('returns.col.number'),
        render: (_, r) => (
          <Link to={`/returns/${r.id}`} data-testid="rma-link">
            {r.number}
          </Link>
        ),
      },
      ...(isStaff ? [{ key: 'account', title: t('returns.col.account'), dataIndex: 'account_code' }] : []),
      { key: 'status', title: t('returns.col.status'), render: (_, r) => <RmaStatusTag status={r.status} /> },
      {
        key: 'source',
        title: t('returns.col.source'),
        render: (_, r) => (
          <span>
            {t(`returns.source.${r.source}`)}
            {r.channel ? <Tag style={{ marginLeft: 6 }}>{r.channel}</Tag> : null}
          </span>
        ),
      },
      { key: 'order', title: t('returns.col.order'), render: (_, r) => <OrDash>{r.order_reference}</OrDash> },
      { key: 'warehouse', title: t('returns.col.warehouse'), dataIndex: 'warehouse_code' },
      {
        key: 'units',
        title: t('returns.col.units'),
        align: 'right',
        render: (_, r) => (r.received_at ? `${r.units_received} / ${r.units_expected}` : r.units_expected),
      },
      { key: 'authorised', title: t('returns.col.authorised'), render: (_, r) => formatDateTime(r.authorised_at, locale) },
      { key: 'received', title: t('returns.col.received'), render: (_, r) => <OrDash>{formatDateTime(r.received_at, locale)}</OrDash> },
      {
        key: 'processing',
        title: t('returns.col.processing'),
        render: (_, r) => <OrDash>{formatHours(r.clock.processing_hours ?? r.clock.inspection_hours, t)}</OrDash>,
      },
    ],
    [t, locale, isStaff],
  );

  return (
    <>
      <PageHeader
        title={t('returns.title')}
        extra={
          can('returns:write') ? (
            <Button
              type={bench ? 'default' : 'primary'}
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              disabled={isStaff && !targetAccount}
              title={isStaff && !targetAccount ? t('returns.new.pickAccount') : undefined}
              data-testid="return-new"
            >
              {t('returns.new.button')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t(bench ? 'returns.intro.staff' : 'returns.intro.seller')}
        </Typography.Paragraph>
      </PageHeader>
      {bench ? <ScanToReceive onReceived={(rma) => navigate(`/returns/${rma.id}`)} /> : null}
      <Flex style={{ margin: '16px 0' }}>
        <Segmented<Queue>
          data-testid="returns-queue"
          value={queue}
          onChange={setQueue}
          options={[
            { value: 'authorised', label: t('returns.queue.authorised') },
            { value: 'received', label: t('returns.queue.received') },
            { value: 'inspected', label: t('returns.queue.inspected') },
            { value: 'closed', label: t('returns.queue.closed') },
            { value: 'all', label: t('returns.queue.all') },
          ]}
        />
      </Flex>
      <PagedTable<Rma>
        list={list}
        columns={columns}
        testId="return-table"
        emptyText={t('returns.empty')}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/returns/${r.id}`) })}
      />
      <ProcessingTimes accountId={listAccountId} />
      <NewReturnModal open={creating} onClose={() => setCreating(false)} onCreated={(rma) => navigate(`/returns/${rma.id}`)} />
    </>
  );
}
