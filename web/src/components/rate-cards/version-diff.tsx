import { SwapRightOutlined } from '@ant-design/icons';
import { Alert, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useRateCardDiff } from '../../hooks/rate-card-queries';
import { useT } from '../../i18n/i18n-context';
import type { CardChange, RateCardVersion } from '../../types';
import { ErrorAlert } from '../error-alert';
import { JsonValue } from '../json-value';
import { ChangeKindTag } from './change-kind-tag';

interface ChangeRow extends CardChange {
  key: number;
}

/** Two versions side by side: every added, removed and changed value with its path. */
export function VersionDiff({ cardId, versions }: { cardId: string; versions: readonly RateCardVersion[] }) {
  const t = useT();
  const numbers = useMemo(() => versions.map((v) => v.version).sort((a, b) => a - b), [versions]);
  const last = numbers[numbers.length - 1] ?? null;
  const previous = numbers[numbers.length - 2] ?? null;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const fromVersion = from ?? previous;
  const toVersion = to ?? last;
  const diff = useRateCardDiff(cardId, fromVersion, toVersion);
  const rows = useMemo<ChangeRow[]>(() => (diff.data?.changes ?? []).map((c, i) => ({ ...c, key: i })), [diff.data]);

  const columns = useMemo<TableColumnsType<ChangeRow>>(
    () => [
      {
        key: 'kind',
        title: t('rateCards.col.change'),
        dataIndex: 'kind',
        width: 100,
        render: (kind: CardChange['kind']) => <ChangeKindTag kind={kind} />,
        filters: (['added', 'removed', 'changed'] as const).map((k) => ({ text: t(`rateCards.change.${k}`), value: k })),
        onFilter: (value, row) => row.kind === value,
      },
      { key: 'path', title: t('rateCards.col.path'), dataIndex: 'path', render: (v: string) => <code className="break-all">{v}</code> },
      { key: 'before', title: t('rateCards.col.before'), render: (_, c) => <JsonValue value={c.before} /> },
      { key: 'after', title: t('rateCards.col.after'), render: (_, c) => <JsonValue value={c.after} /> },
    ],
    [t],
  );

  if (numbers.length < 2)
    return (
      <Typography.Text type="secondary" data-testid="rate-card-diff">
        {t('rateCards.compareNeedTwo')}
      </Typography.Text>
    );

  const options = numbers.map((n) => ({ value: n, label: `v${n}` }));
  return (
    <Flex vertical gap={12} data-testid="rate-card-diff">
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('rateCards.compareFrom')}</Typography.Text>
        <Select data-testid="rate-card-diff-from" value={fromVersion} onChange={setFrom} options={options} style={{ width: 100 }} />
        <SwapRightOutlined />
        <Typography.Text>{t('rateCards.compareTo')}</Typography.Text>
        <Select data-testid="rate-card-diff-to" value={toVersion} onChange={setTo} options={options} style={{ width: 100 }} />
        {diff.data ? (
          <Typography.Text type="secondary" data-testid="rate-card-diff-count">
            {t('rateCards.changesCount', { count: diff.data.changes.length })}
          </Typography.Text>
        ) : null}
      </Flex>
      {fromVersion === toVersion ? <Alert type="info" showIcon title={t('rateCards.sameVersion')} /> : null}
      {diff.isError ? <ErrorAlert error={diff.error} onRetry={() => void diff.refetch()} /> : null}
      {fromVersion !== toVersion ? (
        <Table<ChangeRow>
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={rows}
          loading={diff.isFetching}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: diff.isFetching ? t('common.loading') : t('rateCards.noChanges') }}
        />
      ) : null}
    </Flex>
  );
}
