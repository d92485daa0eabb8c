/**
 * Quotes and spreadsheets: a seller's SKU sheet (the SKU import template, plus optional
 * share / units-per-order / units-per-carton columns) becomes the SKUs of a quote request,
 * and a finished quote becomes a workbook — summary, every fee line, landed cost per SKU.
 */
import { excelJs } from '../lazy-modules.js';
import { columnLetter, parseSkuSheet } from '../../domain/catalog/sku-sheet.js';
import { money, toDecimalString } from '../../domain/money/index.js';
import type { Quote } from '../../domain/quotes/quote-engine.js';
import type { QuoteSku } from '../../domain/quotes/quote-request.js';
import { type AppError, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';

const EXTRA_COLUMNS = {
  share: ['share', 'order share', '占比', '订单占比'],
  unitsPerOrder: ['units per order', 'units_per_order', '每单件数'],
  unitsPerCarton: ['units per carton', 'units_per_carton', '每箱件数', '装箱数'],
} as const;

/** @example skusFromTable([['SKU','长',…], ['A-1','10',…]]) // ok([{ sellerSku: 'A-1', … }]) */
export function skusFromTable(table: string[][]): Result<QuoteSku[], AppError> {
  const parsed = parseSkuSheet(table);
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const find = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const index = {
    share: find(EXTRA_COLUMNS.share),
    unitsPerOrder: find(EXTRA_COLUMNS.unitsPerOrder),
    unitsPerCarton: find(EXTRA_COLUMNS.unitsPerCarton),
  };
  const errors: ErrorDetail[] = [...parsed.errors];
  const skus: QuoteSku[] = [];
  for (const { row, sku } of parsed.rows) {
    const cells = table[row - 1] ?? [];
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
    const share = cell(index.share);
    const perOrder = cell(index.unitsPerOrder);
    const perCarton = cell(index.unitsPerCarton);
    const bad = (i: number, message: string) =>
      errors.push({ row, column: columnLetter(i), header: table[0]?.[i], code: 'not_a_number', message });
    if (share && !/^\d+(\.\d+)?$/.test(share)) bad(index.share, `Share "${share}" must be a number ≥ 0.`);
    if (perOrder && !/^\d+(\.\d+)?$/.test(perOrder)) bad(index.unitsPerOrder, `Units per order "${perOrder}" must be a number.`);
    if (perCarton && !/^[1-9]\d*$/.test(perCarton))
      bad(index.unitsPerCarton, `Units per carton "${perCarton}" must be a whole number above 0.`);
    if (sku.declaredCurrency && sku.declaredCurrency !== 'USD') {
      const at = parsed.locate('declaredCurrency');
      errors.push({
        row,
        ...at,
        code: 'not_usd',
        message: 'Customs values are declared in USD: give the declared value in USD for a quote.',
      });
    }
    skus.push({
      sellerSku: sku.sellerSku,
      title: sku.titleEn ?? sku.titleZh,
      length: sku.length,
      width: sku.width,
      height: sku.height,
      dimensionUnit: sku.dimensionUnit,
      weight: sku.weight,
      weightUnit: sku.weightUnit,
      declaredValue:
        sku.declaredValueMinor === null || !sku.declaredCurrency
          ? null
          : toDecimalString(money(sku.declaredCurrency, sku.declaredValueMinor)),
      hsCode: sku.hsCode,
      countryOfOrigin: sku.countryOfOrigin,
      flags: sku.flags,
      ...(share ? { share } : {}),
      ...(perOrder ? { unitsPerOrder: perOrder } : {}),
      ...(perCarton ? { unitsPerCarton: Number(perCarton) } : {}),
    });
  }
  if (errors.length > 0) return err(appError('import_invalid', `${errors.length} problem(s) in the SKU sheet.`, errors));
  return ok(skus);
}

export async function quoteWorkbook(quote: Quote, lang: 'en' | 'zh'): Promise<Buffer> {
  const zh = lang === 'zh';
  const workbook = new (excelJs().Workbook)();
  workbook.creator = 'Landed';
  const summary = workbook.addWorksheet(zh ? '汇总' : 'Summary');
  summary.addRow([zh ? '报价日期' : 'Quote date', quote.quoteDate]);
  summary.addRow([zh ? '价卡版本' : 'Card versions', quote.cards.map((c) => `${c.code} v${c.version}`).join(', ')]);
  summary.addRow([zh ? '月订单量' : 'Orders per month', Number(quote.volumes.ordersPerMonth)]);
  summary.addRow([zh ? '月出库件数' : 'Units per month', Number(quote.volumes.unitsPerMonth)]);
  summary.addRow([zh ? `月度合计 (${quote.currency})` : `Monthly total (${quote.currency})`, Number(toDecimalString(quote.monthlyTotal))]);
  summary.addRow([zh ? `单均履约成本 (${quote.currency})` : `Cost per order (${quote.currency})`, Number(toDecimalString(quote.perOrder))]);
  summary.addRow([]);
  summary.addRow([zh ? '费用模块' : 'Fee module', zh ? '金额' : 'Amount']);
  for (const m of quote.byModule) summary.addRow([m.module, Number(toDecimalString(m.total))]);
  summary.getColumn(1).width = 28;
  summary.getColumn(2).width = 40;

  const lines = workbook.addWorksheet(zh ? '费用明细' : 'Fee lines');
  lines.addRow(
    zh
      ? ['模块', '项目', '数量', '单位', '单价', '精确金额', '金额', '舍入', '计算公式', '价卡', '版本', '规则']
      : ['Module', 'Item', 'Quantity', 'Unit', 'Rate', 'Exact amount', 'Amount', 'Rounding', 'Formula', 'Card', 'Version', 'Rule'],
  );
  for (const l of quote.lines) {
    lines.addRow([
      l.module,
      zh ? l.label.zh : l.label.en,
      l.quantity,
      l.unit,
      l.rate,
      l.preciseAmount,
      Number(toDecimalString(l.amount)),
      l.rounding,
      zh ? l.formula.zh : l.formula.en,
      l.rule.cardCode,
      l.rule.cardVersion,
      l.rule.ruleId,
    ]);
  }
  lines.addRow(['', zh ? '合计' : 'Total', '', '', '', '', Number(toDecimalString(quote.monthlyTotal))]);
  lines.getRow(1).font = { bold: true };
  lines.views = [{ state: 'frozen', ySplit: 1 }];
  for (const [i, width] of [18, 40, 12, 10, 10, 16, 12, 10, 80, 16, 8, 28].entries()) lines.getColumn(i + 1).width = width;

  const skus = workbook.addWorksheet(zh ? '单品落地成本' : 'Landed cost per unit');
  skus.addRow(
    zh
      ? ['卖家SKU', '月件数', '头程', '关税', '入库上架', '仓储', '履约(操作+包材+尾程)', '退货', '每件合计']
      : ['Seller SKU', 'Units / month', 'First leg', 'Duties', 'Receiving', 'Storage', 'Fulfilment', 'Returns', 'Total per unit'],
  );
  for (const s of quote.skus) {
    const p = s.perUnit;
    skus.addRow([
      s.sellerSku,
      Number(s.unitsPerMonth),
      ...[p.firstLeg, p.duties, p.receiving, p.storage, p.fulfilment, p.returns, p.total].map(Number),
    ]);
  }
  skus.getRow(1).font = { bold: true };
  skus.getColumn(1).width = 24;

  if (quote.warnings.length > 0) {
    const notes = workbook.addWorksheet(zh ? '提示' : 'Warnings');
    for (const w of quote.warnings) notes.addRow([zh ? w.zh : w.en]);
    notes.getColumn(1).width = 120;
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
