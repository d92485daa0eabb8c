import { Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { StatusTag } from '../components/status-tag';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey, type Translate } from '../i18n/messages';
import { weekdayName } from '../lib/format-date';
import { localizedName } from '../lib/localized-name';
import type { Locale, Warehouse, WarehouseCutoff } from '../types';

const KIND_COLOURS: Record<string, string> = { china_consolidation: 'volcano', us_fulfilment: 'blue', us_returns: 'purple' };

function describeDays(days: readonly number[], locale: Locale, t: Translate): string {
  const unique = [...new Set(days.map((d) => (d === 0 ? 7 : d)))].sort((a, b) => a - b);
  if (unique.length === 0 || unique.length === 7) return t('warehouses.daily');
  return unique.map((d) => weekdayName(d, locale)).join(locale === 'zh-CN' ? '、' : ', ');
}

function Cutoffs({ cutoffs }: { cutoffs: readonly WarehouseCutoff[] }) {
  const { t, locale } = useI18n();
  if (cutoffs.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {cutoffs.map((c) => (
        <span key={`${c.name}-${c.time}`} className="nowrap">
          <Typography.Text strong>{c.time}</Typography.Text> {c.name}{' '}
          <Typography.Text type="secondary">({describeDays(c.days, locale, t)})</Typography.Text>
        </span>
      ))}
    </Space>
  );
}

export function WarehousesPage() {
  const { t, locale } = useI18n();
  const list = useCursorList<Warehouse>('warehouses', '/v1/warehouses', {});

  const columns = useMemo<TableColumnsType<Warehouse>>(
    () => [
      {
        key: 'code',
        title: t('warehouses.col.code'),
        dataIndex: 'code',
        render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
      },
      { key: 'name', title: t('warehouses.col.name'), render: (_, w) => localizedName(w, locale) },
      {
        key: 'kind',
        title: t('warehouses.col.kind'),
        dataIndex: 'kind',
        render: (kind: string) => {
          const key = `warehouses.kind.${kind}`;
          return <Tag color={KIND_COLOURS[kind] ?? 'default'}>{isMessageKey(key) ? t(key) : kind}</Tag>;
        },
      },
      {
        key: 'location',
        title: t('warehouses.col.location'),
        render: (_, w) => (
          <span>
            {[w.address.city, w.address.region].filter(Boolean).join(', ')}{' '}
            <Typography.Text type="secondary">{w.address.country}</Typography.Text>
          </span>
        ),
      },
      { key: 'timezone', title: t('warehouses.col.timezone'), dataIndex: 'timezone' },
      { key: 'cutoffs', title: t('warehouses.col.cutoffs'), render: (_, w) => <Cutoffs cutoffs={w.cutoffs ?? []} /> },
      { key: 'status', title: t('warehouses.col.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
    ],
    [t, locale],
  );

  return (
    <>
      <PageHeader title={t('warehouses.title')} />
      <PagedTable<Warehouse> list={list} columns={columns} testId="warehouse-table" emptyText={t('warehouses.empty')} />
    </>
  );
}
