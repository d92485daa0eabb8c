import { PlusOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../api';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { CycleCountModal, CycleCountStatusTag, OpenCycleCountModal } from '../components/stock-operations/cycle-count-modals';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import type { CycleCount } from '../types-stock-operations';

const STORAGE_KEY = 'landed.cycleCounts';
const KEEP = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readIds(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string' && UUID.test(x)) : [];
  } catch {
    return [];
  }
}

/**
 * The API has no list of cycle counts (only open and get by id), so this page keeps the counts
 * opened or looked up on this device, newest first, and reads each one fresh.
 */
function useDeviceCountIds() {
  const [ids, setIds] = useState<string[]>(readIds);
  const store = useCallback((next: string[]) => {
    setIds(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // ignore
    }
  }, []);
  const remember = useCallback((id: string) => store([id, ...readIds().filter((x) => x !== id)].slice(0, KEEP)), [store]);
  const forget = useCallback((id: string) => store(readIds().filter((x) => x !== id)), [store]);
  return { ids, remember, forget };
}

type Row = { id: string; count: CycleCount | undefined; error: unknown; loading: boolean };

/** Staff: cycle counts — open for a zone or some locations, count, submit, review the variances, approve. */
export function CycleCountsPage() {
  const { t, locale } = useI18n();
  const { ids, remember, forget } = useDeviceCountIds();
  const [opening, setOpening] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [lookup, setLookup] = useState('');
  const [lookupInvalid, setLookupInvalid] = useState(false);

  const queries = useQueries({
    queries: ids.map((id) => ({ queryKey: ['cycle-counts', id], queryFn: () => api<CycleCount>(`/v1/cycle-counts/${id}`) })),
  });
  const rows: Row[] = ids.map((id, i) => ({
    id,
    count: queries[i]?.data,
    error: queries[i]?.error ?? null,
    loading: queries[i]?.isPending ?? false,
  }));

  const columns = useMemo<TableColumnsType<Row>>(
    () => [
      {
        key: 'number',
        title: t('cycleCounts.col.number'),
        render: (_, r) =>
          r.count ? (
            <Typography.Text strong>{r.count.number}</Typography.Text>
          ) : r.error ? (
            <Typography.Text type="danger">{t('cycleCounts.unavailable')}</Typography.Text>
          ) : (
            t('common.loading')
          ),
      },
      {
        key: 'status',
        title: t('cycleCounts.col.status'),
        render: (_, r) => (r.count ? <CycleCountStatusTag status={r.count.status} /> : null),
      },
      { key: 'warehouse', title: t('cycleCounts.col.warehouse'), render: (_, r) => r.count?.warehouse_code },
      {
        key: 'progress',
        title: t('cycleCounts.col.progress'),
        align: 'right',
        render: (_, r) =>
          r.count
            ? t('cycleCounts.progress', {
                counted: r.count.lines.filter((l) => l.counted !== null).length,
                lines: r.count.lines.length,
              })
            : null,
      },
      { key: 'off', title: t('cycleCounts.col.unitsOff'), align: 'right', render: (_, r) => r.count?.units_off },
      { key: 'created', title: t('cycleCounts.col.created'), render: (_, r) => formatDateTime(r.count?.created_at, locale) },
      {
        key: 'approved',
        title: t('cycleCounts.col.approved'),
        render: (_, r) => (r.count ? <OrDash>{formatDateTime(r.count.approved_at, locale)}</OrDash> : null),
      },
      {
        key: 'actions',
        render: (_, r) => (
          <Flex gap={6}>
            {r.count ? (
              <Button
                size="small"
                type={r.count.status === 'open' || r.count.status === 'submitted' ? 'primary' : 'default'}
                onClick={() => setViewing(r.id)}
                data-testid={`cycle-count-view-${r.count.number}`}
              >
                {r.count.status === 'open'
                  ? t('cycleCounts.enterCounts')
                  : r.count.status === 'submitted'
                    ? t('cycleCounts.reviewButton')
                    : t('common.view')}
              </Button>
            ) : null}
            <Button size="small" type="text" onClick={() => forget(r.id)}>
              {t('cycleCounts.forget')}
            </Button>
          </Flex>
        ),
      },
    ],
    [t, locale, forget],
  );

  const firstError = rows.find((r) => r.error)?.error;

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
      <Flex gap={12} wrap align="center" style={{ margin: '16px 0' }}>
        <Input.Search
          allowClear
          placeholder={t('cycleCounts.lookup')}
          value={lookup}
          status={lookupInvalid ? 'error' : undefined}
          onChange={(e) => {
            setLookup(e.target.value);
            setLookupInvalid(false);
          }}
          onSearch={(value) => {
            const id = value.trim();
            if (!id) return;
            if (!UUID.test(id)) {
              setLookupInvalid(true);
              return;
            }
            remember(id);
            setLookup('');
            setViewing(id);
          }}
          style={{ width: 380 }}
          data-testid="cycle-count-lookup"
        />
        {lookupInvalid ? <Typography.Text type="danger">{t('cycleCounts.lookupInvalid')}</Typography.Text> : null}
      </Flex>
      <Alert type="info" showIcon title={t('cycleCounts.deviceList')} style={{ marginBottom: 16 }} />
      {firstError ? <ErrorAlert error={firstError} /> : null}
      <div data-testid="cycle-count-table">
        <Table<Row>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('cycleCounts.empty') }}
        />
      </div>
      <OpenCycleCountModal
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(count) => {
          remember(count.id);
          setViewing(count.id);
        }}
      />
      <CycleCountModal countId={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
