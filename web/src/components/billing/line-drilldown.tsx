import { CheckCircleTwoTone, WarningTwoTone } from '@ant-design/icons';
import { Alert, Descriptions, Drawer, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { ListPage } from '../../api';
import { useCursorList } from '../../hooks/use-cursor-list';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../lib/format-date';
import { formatMoney, formatRate } from '../../lib/format-money';
import { localizedText } from '../../lib/localized-text';
import type { BillableEvent, InvoiceLine, LineEventsPage } from '../../types-billing';
import { PagedTable } from '../paged-table';
import { SourceLink } from './billing-labels';

/** Attributes worth a glance beside each event (the rest is in the CSV/XLSX detail). */
const SHOWN_ATTRIBUTES = [
  'seller_sku',
  'lot_code',
  'lot_id',
  'age_days',
  'location_type',
  'units',
  'weight_lb',
  'grade',
  'carrier',
  'service',
];

/** One line opened down to its events and the record behind each, with the count redone now. */
export function LineDrilldown({ invoiceId, line, onClose }: { invoiceId: string; line: InvoiceLine | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const list = useCursorList<BillableEvent>(
    'invoice-line-events',
    `/v1/invoices/${invoiceId}/lines/${line?.id ?? 'none'}/events`,
    {},
    { enabled: line !== null, limit: 25 },
  );
  const first = list.data?.pages[0] as (ListPage<BillableEvent> & Partial<LineEventsPage>) | undefined;
  const check = first?.check;

  const columns = useMemo<TableColumnsType<BillableEvent>>(
    () => [
      { key: 'occurred', title: t('bills.event.occurred'), render: (_, e) => formatDateTime(e.occurred_at, locale) },
      { key: 'kind', title: t('bills.event.kind'), render: (_, e) => <Typography.Text code>{e.kind}</Typography.Text> },
      { key: 'quantity', title: t('bills.event.quantity'), align: 'right', render: (_, e) => `${e.quantity} ${e.unit}` },
      {
        key: 'attributes',
        title: t('bills.event.attributes'),
        render: (_, e) => {
          const shown = SHOWN_ATTRIBUTES.filter((k) => e.attributes[k] !== undefined && e.attributes[k] !== null);
          // Nothing familiar: the first few plain values, so the cell is never blank.
          const keys =
            shown.length > 0
              ? shown
              : Object.keys(e.attributes)
                  .filter((k) => typeof e.attributes[k] !== 'object')
                  .slice(0, 3);
          return keys.map((k) => (
            <Tag key={k}>
              {k}: {String(e.attributes[k])}
            </Tag>
          ));
        },
      },
      { key: 'source', title: t('bills.event.source'), render: (_, e) => <SourceLink event={e} /> },
      { key: 'recorded', title: t('bills.event.recorded'), render: (_, e) => formatDateTime(e.recorded_at, locale) },
    ],
    [t, locale],
  );

  return (
    <Drawer
      open={line !== null}
      onClose={onClose}
      size={1040}
      title={line ? `${t('bills.line.drilldown', { no: line.line_no })} · ${localizedText(line.label, locale)}` : ''}
      destroyOnHidden
    >
      {line ? (
        <div data-testid="line-drilldown">
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('bills.line.rule')}>
              <Typography.Text code>{line.rule.rule_id}</Typography.Text> · {line.rule.card_code} v{line.rule.card_version}
            </Descriptions.Item>
            <Descriptions.Item label={t('bills.line.arithmetic')}>
              {line.quantity} {line.unit} × {formatRate(line.rate, line.amount.currency, locale)} ={' '}
              <Typography.Text strong>{formatMoney(line.amount, locale)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('bills.line.formula')}>{localizedText(line.formula, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('bills.line.billedOn')}>
              {t('bills.line.eventsStored', { count: line.event_count, quantity: line.event_quantity })}
            </Descriptions.Item>
          </Descriptions>
          {line.selector === null ? (
            <Alert type="info" showIcon title={t('bills.line.noEvents')} />
          ) : check ? (
            <Alert
              data-testid="line-recount"
              type={check.matches ? 'success' : 'warning'}
              showIcon
              icon={check.matches ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <WarningTwoTone twoToneColor="#faad14" />}
              title={
                check.matches
                  ? t('bills.line.recountMatches', { count: check.event_count, quantity: check.event_quantity })
                  : t('bills.line.recountDiffers', { count: check.event_count, quantity: check.event_quantity })
              }
              style={{ marginBottom: 12 }}
            />
          ) : null}
          {line.selector !== null ? (
            <PagedTable<BillableEvent>
              list={list}
              columns={columns}
              testId="line-event-table"
              emptyText={t('bills.line.eventsEmpty')}
              size="small"
            />
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}
