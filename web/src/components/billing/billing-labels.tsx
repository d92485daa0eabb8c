import { Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n/i18n-context';
import type { BillableEvent, Invoice } from '../../types-billing';

/** The last `count` months, newest first, in the viewer's calendar: '2026-11', '2026-10', … */
export function recentPeriods(count = 13, today = new Date()): string[] {
  const periods: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(today.getFullYear(), today.getMonth() - i, 1);
    periods.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  return periods;
}

export function InvoiceStatusTag({ status }: { status: Invoice['status'] }) {
  const t = useT();
  return (
    <Tag color={status === 'finalized' ? 'green' : 'gold'} data-testid={`invoice-status-${status}`}>
      {t(status === 'finalized' ? 'bills.status.finalized' : 'bills.status.draft')}
    </Tag>
  );
}

/** INV-2026-000123, CN-2026-000001, or DRAFT for an invoice not finalized yet. */
export function InvoiceNumber({ invoice }: { invoice: Pick<Invoice, 'number' | 'document_type'> }) {
  const t = useT();
  if (invoice.number) return <Typography.Text strong>{invoice.number}</Typography.Text>;
  return (
    <Typography.Text strong type="secondary">
      {t('bills.draftNumber')}
    </Typography.Text>
  );
}

export function DocumentTypeTag({ type }: { type: Invoice['document_type'] }) {
  const t = useT();
  return type === 'credit_note' ? <Tag color="purple">{t('bills.type.credit_note')}</Tag> : <Tag>{t('bills.type.invoice')}</Tag>;
}

/** Where the portal can show an event's operation record, if anywhere. */
export function sourceHref(event: BillableEvent): string | null {
  const { type, id } = event.source;
  const skuId = typeof event.attributes.sku_id === 'string' ? event.attributes.sku_id : null;
  switch (type) {
    case 'inbound_plan':
      return `/inbound/${id}`;
    case 'return':
      return `/returns/${id}`;
    case 'work_order':
      return '/work-orders';
    case 'transfer':
      return '/transfers';
    case 'storage_snapshot':
    case 'putaway':
      return skuId ? `/inventory/skus/${skuId}` : null;
    default:
      return null;
  }
}

/** An event's source record: its kind and a link to its page where one exists. */
export function SourceLink({ event }: { event: BillableEvent }) {
  const t = useT();
  const known = [
    'inbound_plan',
    'inbound_carton',
    'inbound_receipt',
    'putaway',
    'storage_snapshot',
    'return',
    'return_line',
    'work_order',
    'transfer',
  ] as const;
  const kind = (known as readonly string[]).includes(event.source.type)
    ? t(`bills.source.${event.source.type as (typeof known)[number]}`)
    : event.source.type;
  const text = (key: string) => (typeof event.attributes[key] === 'string' ? (event.attributes[key] as string) : null);
  const reference =
    text('plan_number') ?? text('lot_code') ?? text('rma') ?? text('work_order') ?? text('transfer_number') ?? event.source.id;
  const href = sourceHref(event);
  return (
    <span>
      <Tag>{kind}</Tag>
      {href ? (
        <Link to={href} data-testid="event-source-link">
          {reference}
        </Link>
      ) : (
        <Typography.Text code>{reference}</Typography.Text>
      )}
    </span>
  );
}
