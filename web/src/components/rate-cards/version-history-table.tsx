import { EyeOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime, formatDay, todayIso } from '../../lib/format-date';
import type { RateCardVersion } from '../../types';
import { OrDash } from '../empty-value';

/** Every version of a card, newest first, marking the one in effect today and those scheduled. */
export function VersionHistoryTable({
  versions,
  inEffect,
  viewing,
  onView,
}: {
  versions: readonly RateCardVersion[];
  inEffect: number | null;
  viewing: number | null;
  onView: (version: number) => void;
}) {
  const { t, locale } = useI18n();
  const rows = useMemo(() => [...versions].sort((a, b) => b.version - a.version), [versions]);
  const today = todayIso();

  const columns = useMemo<TableColumnsType<RateCardVersion>>(
    () => [
      {
        key: 'version',
        title: t('rateCards.col.version'),
        dataIndex: 'version',
        render: (v: number) => (
          <span className="nowrap">
            <Typography.Text strong>v{v}</Typography.Text>
            {v === inEffect ? (
              <Tag color="green" className="tag-after">
                {t('rateCards.inEffect')}
              </Tag>
            ) : null}
          </span>
        ),
      },
      {
        key: 'effective',
        title: t('rateCards.col.effectiveFrom'),
        dataIndex: 'effective_from',
        render: (v: string) => (
          <span className="nowrap">
            {formatDay(v, locale)}
            {v > today ? (
              <Tag color="gold" className="tag-after">
                {t('rateCards.scheduled')}
              </Tag>
            ) : null}
          </span>
        ),
      },
      { key: 'notes', title: t('rateCards.col.notes'), dataIndex: 'notes', render: (v: string | null) => <OrDash>{v}</OrDash> },
      {
        key: 'checksum',
        title: t('rateCards.col.checksum'),
        dataIndex: 'checksum',
        render: (v: string) => (
          <Typography.Text code copyable={{ text: v }} title={v}>
            {v.slice(0, 12)}…
          </Typography.Text>
        ),
      },
      { key: 'created', title: t('rateCards.col.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v, locale) },
      {
        key: 'actions',
        title: t('rateCards.col.actions'),
        render: (_, v) => (
          <Button
            size="small"
            type={v.version === viewing ? 'primary' : 'default'}
            icon={<EyeOutlined />}
            onClick={() => onView(v.version)}
            data-testid={`rate-card-view-${v.version}`}
          >
            {t('common.view')}
          </Button>
        ),
      },
    ],
    [t, locale, inEffect, viewing, onView, today],
  );

  return (
    <div data-testid="rate-card-versions">
      <Table<RateCardVersion>
        size="small"
        rowKey="version"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('rateCards.noVersions') }}
      />
    </div>
  );
}
