import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Descriptions, Flex, Input, Modal, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { JsonValue } from '../components/json-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/messages';
import { formatDateTime } from '../lib/format-date';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { kind: string; id: string | null; role: string | null; account_id: string | null; name: string | null };
  account_id: string | null;
  entity_type: string;
  entity_id: string | null;
  action: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

interface ChainReport {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string };
  problem: { kind: string; seq: number; expected: string; found: string; message: string } | null;
}

const ACTION_COLOR: Record<string, string> = { insert: 'green', update: 'blue', delete: 'red', login_failed: 'orange' };

/** Changed keys of an update, to show what moved without reading two JSON documents. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(a).filter((k) => k !== 'updated_at' && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** The hash-chained audit log: filters, entries with before/after, and "Verify chain" for staff and auditors. */
export function AuditLogPage() {
  const { t, locale } = useI18n();
  const { can, isStaff } = useSession();
  const { listAccountId, accountById } = useAccountScope();
  const [entity, setEntity] = useState('');
  const [actor, setActor] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const list = useCursorList<AuditEntry>('audit-log', '/v1/audit-log', {
    account_id: listAccountId,
    entity_type: entity || null,
    actor_id: actor || null,
    from: range?.[0]?.startOf('day').toISOString() ?? null,
    to: range?.[1]?.endOf('day').toISOString() ?? null,
  });
  const verify = useMutation({ mutationFn: () => api<ChainReport>('/v1/audit-log/verify') });
  const canVerify = isStaff && can('audit_chain:read');
  const kindLabel = useCallback(
    (kind: string) => {
      const key = `audit.actorKind.${kind}`;
      return isMessageKey(key) ? t(key) : kind;
    },
    [t],
  );

  const columns = useMemo<TableColumnsType<AuditEntry>>(
    () => [
      { key: 'seq', title: t('audit.col.seq'), dataIndex: 'seq', width: 80 },
      { key: 'at', title: t('audit.col.at'), render: (_, e) => formatDateTime(e.at, locale) },
      {
        key: 'actor',
        title: t('audit.col.actor'),
        render: (_, e) => (
          <Flex vertical>
            <span>{e.actor.name ?? e.actor.id ?? kindLabel(e.actor.kind)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[kindLabel(e.actor.kind), e.actor.role].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Flex>
        ),
      },
      ...(isStaff
        ? [
            {
              key: 'account',
              title: t('audit.col.account'),
              render: (_: unknown, e: AuditEntry) => accountById(e.account_id)?.code ?? t('audit.provider'),
            },
          ]
        : []),
      {
        key: 'entity',
        title: t('audit.col.entity'),
        render: (_, e) => (
          <Flex vertical>
            <span>{e.entity_type}</span>
            <Typography.Text type="secondary" copyable={e.entity_id ? { text: e.entity_id } : false} style={{ fontSize: 12 }}>
              {e.entity_id ?? ''}
            </Typography.Text>
          </Flex>
        ),
      },
      { key: 'action', title: t('audit.col.action'), render: (_, e) => <Tag color={ACTION_COLOR[e.action] ?? 'default'}>{e.action}</Tag> },
      {
        key: 'changes',
        title: t('audit.col.changes'),
        render: (_, e) => {
          const keys = changedKeys(e.before, e.after);
          return keys.length > 0 ? keys.join(', ') : null;
        },
      },
      {
        key: 'hash',
        title: t('audit.col.hash'),
        render: (_, e) => (
          <Typography.Text code copyable={{ text: e.hash }} title={e.hash}>
            {e.hash.slice(0, 10)}…
          </Typography.Text>
        ),
      },
    ],
    [t, locale, isStaff, accountById, kindLabel],
  );

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          canVerify ? (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t(isStaff ? 'audit.intro.staff' : 'audit.intro.seller')}
        </Typography.Paragraph>
      </PageHeader>
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {verify.data ? (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.data.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          message={
            verify.data.ok
              ? t('audit.verify.ok', { entries: verify.data.entries })
              : t('audit.verify.broken', { seq: verify.data.problem?.seq ?? 0, kind: verify.data.problem?.kind ?? '' })
          }
          description={
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('audit.verify.head')}>
                #{verify.data.head.seq}{' '}
                <Typography.Text code copyable>
                  {verify.data.head.hash}
                </Typography.Text>
              </Descriptions.Item>
              {verify.data.problem ? (
                <>
                  <Descriptions.Item label={t('audit.verify.problem')}>{verify.data.problem.message}</Descriptions.Item>
                  <Descriptions.Item label={t('audit.verify.expected')}>
                    <Typography.Text code>{verify.data.problem.expected}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('audit.verify.found')}>
                    <Typography.Text code>{verify.data.problem.found}</Typography.Text>
                  </Descriptions.Item>
                </>
              ) : (
                <Descriptions.Item label={t('audit.verify.note')}>{t('audit.verify.anchor')}</Descriptions.Item>
              )}
            </Descriptions>
          }
        />
      ) : null}
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('audit.filter.entity')}
          style={{ maxWidth: 220 }}
          onSearch={(v) => setEntity(v.trim())}
          data-testid="audit-filter-entity"
        />
        <Input.Search allowClear placeholder={t('audit.filter.actor')} style={{ maxWidth: 320 }} onSearch={(v) => setActor(v.trim())} />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
      </Flex>
      <PagedTable<AuditEntry>
        list={list}
        columns={columns}
        rowKey="seq"
        testId="audit-table"
        emptyText={t('audit.empty')}
        onRow={(e) => ({ onClick: () => setOpen(e), style: { cursor: 'pointer' } })}
      />
      <Modal
        open={open !== null}
        onCancel={() => setOpen(null)}
        footer={null}
        width={900}
        title={open ? `#${open.seq} ${open.entity_type} · ${open.action}` : ''}
      >
        {open ? (
          <Flex gap={24} wrap>
            <div style={{ flex: 1, minWidth: 280 }}>
              <Typography.Text strong>{t('audit.before')}</Typography.Text>
              <JsonValue value={open.before} />
            </div>
            <div style={{ flex: 1, minWidth: 280 }}>
              <Typography.Text strong>{t('audit.after')}</Typography.Text>
              <JsonValue value={open.after} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12, width: '100%' }}>
              {t('audit.prevHash')}: <Typography.Text code>{open.prev_hash}</Typography.Text>
              <br />
              {t('audit.col.hash')}: <Typography.Text code>{open.hash}</Typography.Text>
            </Typography.Text>
          </Flex>
        ) : null}
      </Modal>
    </>
  );
}
