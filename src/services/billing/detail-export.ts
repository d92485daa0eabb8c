/**
 * The line-level detail of an invoice, one row per event with the line it belongs to and the
 * line's arithmetic, as CSV (UTF-8 with BOM, for Excel) or XLSX. docs/billing.md §"Recompute a
 * line from the export" says how a seller redoes each line from these rows.
 */
import type { LineSelector } from '../../domain/billing/bill.js';
import type { Formula } from '../../domain/pricing/index.js';
import { money, toDecimalString, type CurrencyCode } from '../../domain/money/index.js';
import { excelJs } from '../lazy-modules.js';
import type { DetailRow, InvoiceView } from './billing.js';

export const DETAIL_COLUMNS = [
  'invoice',
  'period',
  'line_no',
  'module',
  'rule_id',
  'card',
  'line_label',
  'line_quantity',
  'line_unit',
  'line_rate',
  'line_precise_amount',
  'line_amount',
  'line_rounding',
  'line_formula',
  'line_note',
  'line_event_count',
  'line_event_quantity',
  'quantity_divided_by_days',
  'event_id',
  'event_kind',
  'event_occurred_at',
  'event_recorded_at',
  'event_quantity',
  'event_unit',
  'source_type',
  'source_id',
  'warehouse_id',
  'event_attributes',
] as const;

/** The rows of the export as plain strings, in DETAIL_COLUMNS order. */
export function detailTable(view: InvoiceView, rows: DetailRow[]): string[][] {
  const invoice = view.invoice;
  return rows.map(({ line, event }) => {
    const selector = line.selector as LineSelector | null;
    return [
      invoice.number ?? `DRAFT-${invoice.id}`,
      invoice.period,
      String(line.lineNo),
      line.module,
      line.ruleId,
      line.cardCode ? `${line.cardCode} v${line.cardVersion}` : '',
      (line.label as Formula).en,
      line.quantity,
      line.unit,
      line.rate,
      line.preciseAmount,
      toDecimalString(money(line.currency as CurrencyCode, line.amountMinor)),
      line.rounding,
      (line.formula as Formula).en,
      (line.note as Formula | null)?.en ?? '',
      String(line.eventCount),
      String(line.eventQuantity),
      selector?.dividedByDays ? String(selector.dividedByDays) : '',
      event?.id ?? '',
      event?.kind ?? '',
      event?.occurredAt.toISOString() ?? '',
      event?.createdAt.toISOString() ?? '',
      event?.quantity ?? '',
      event?.unit ?? '',
      event?.sourceType ?? '',
      event?.sourceId ?? '',
      event?.warehouseId ?? '',
      event ? JSON.stringify(event.attributes) : '',
    ];
  });
}

/** RFC 4180 CSV; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function detailCsv(view: InvoiceView, rows: DetailRow[]): Buffer {
  const cell = (value: string, i: number) => {
    const numeric = /^-?\d+(\.\d+)?$/.test(value);
    const guarded = !numeric && i > 0 && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
  };
  const lines = [DETAIL_COLUMNS.join(','), ...detailTable(view, rows).map((r) => r.map(cell).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function detailXlsx(view: InvoiceView, rows: DetailRow[]): Promise<Buffer> {
  const ExcelJS = excelJs();
  const workbook = new ExcelJS.Workbook();
  const lines = workbook.addWorksheet('Lines');
  lines.addRow([
    'line_no',
    'rule_id',
    'card',
    'label',
    'label_zh',
    'quantity',
    'unit',
    'rate',
    'precise_amount',
    'amount',
    'formula',
    'formula_zh',
    'event_count',
    'event_quantity',
  ]);
  for (const line of view.lines)
    lines.addRow([
      line.lineNo,
      line.ruleId,
      line.cardCode ? `${line.cardCode} v${line.cardVersion}` : '',
      (line.label as Formula).en,
      (line.label as Formula).zh,
      line.quantity,
      line.unit,
      line.rate,
      line.preciseAmount,
      toDecimalString(money(line.currency as CurrencyCode, line.amountMinor)),
      (line.formula as Formula).en,
      (line.formula as Formula).zh,
      Number(line.eventCount),
      String(line.eventQuantity),
    ]);
  const detail = workbook.addWorksheet('Events');
  detail.addRow([...DETAIL_COLUMNS]);
  // Decimals stay text: a spreadsheet's binary floats would change them.
  for (const row of detailTable(view, rows)) detail.addRow(row);
  for (const sheet of [lines, detail]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
