import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { OrDash } from '../components/empty-value';
import { ModeText, PlanStatusTag } from '../components/inbound/inbound-tags';
import { NewPlanModal } from '../components/inbound/new-plan-modal';
import { PageHeader } from '../components/page-header';
import { PagedTable } from '../components/paged-table';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { INBOUND_PLANS_KEY, type InboundPlanSummary, PLAN_STATUSES } from '../inbound/types';
import { formatDate, formatDateTime } from '../lib/format-date';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';

export function InboundPlansPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { can, isStaff } = useSession();
  const { listAccountId, accountById, targetAccount } = useAccountScope();
  const [status, setStatus] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useCursorList<InboundPlanSummary>(INBOUND_PLANS_KEY, '/v1/inbound-plans', { account_id: listAccountId, status });

  const columns = useMemo<TableColumnsType<InboundPlanSummary>>(
    () => [
      { key: 'number', title: t('inbound.col.number'), render: (_, p) => <Link to={`/inbound/${p.id}`}>{p.number}</Link> },
      ...(isStaff
        ? [
            {
              key: 'account',
              title: t('inbound.col.account'),
              render: (_: unknown, p: InboundPlanSummary) => <OrDash>{accountById(p.account_id)?.code}</OrDash>,
            },
          ]
        : []),
      { key: 'status', title: t('inbound.col.status'), render: (_, p) => <PlanStatusTag status={p.status} /> },
      { key: 'mode', title: t('inbound.col.mode'), render: (_, p) => <ModeText mode={p.freight_mode} /> },
      { key: 'reference', title: t('inbound.detail.reference'), render: (_, p) => <OrDash>{p.reference}</OrDash> },
      { key: 'cartons', title: t('inbound.col.cartons'), align: 'right', dataIndex: 'cartons' },
      {
        key: 'units',
        title: t('inbound.col.units'),
        align: 'right',
        render: (_, p) => `${p.received_units + p.damaged_units} / ${p.planned_units}`,
      },
      { key: 'eta', title: t('inbound.col.eta'), render: (_, p) => <OrDash>{formatDate(p.eta, locale)}</OrDash> },
      { key: 'created', title: t('inbound.col.created'), render: (_, p) => formatDateTime(p.created_at, locale) },
    ],
    [t, locale, isStaff, accountById],
  );

  return (
    <>
      <PageHeader
        title={t('inbound.title')}
        extra={
          can('inbound:write') && targetAccount ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="inbound-new" onClick={() => setCreating(true)}>
              {t('inbound.new')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('inbound.intro')}
        </Typography.Paragraph>
        <Select
          allowClear
          placeholder={t('inbound.filter.status')}
          style={{ minWidth: 180, marginTop: 8 }}
          value={status}
          onChange={setStatus}
          options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`inbound.status.${s}`) }))}
        />
      </PageHeader>
      <PagedTable<InboundPlanSummary>
        list={list}
        columns={columns}
        testId="inbound-table"
        emptyText={t('inbound.empty')}
        onRow={(p) => ({ onDoubleClick: () => navigate(`/inbound/${p.id}`) })}
      />
      <NewPlanModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
