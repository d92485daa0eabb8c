/**
 * A saved quote as a PDF in Chinese or English: who it is for, its id and dates, the card
 * versions priced, the summary (monthly estimate, cost per order, landed cost per unit of each
 * SKU), every fee line with its rule and formula, and the warnings — with the sample-prices
 * notice on top when the quote used sample data. The numbers are the quote's own: money is
 * printed from its integer minor units, rates and quantities with every digit they have.
 */
import type { AccountRow } from '../../db/repositories/accounts.js';
import type { QuoteRow } from '../../db/repositories/rate-cards.js';
import { formatAmount, formatQuantity } from '../../domain/money/format-amount.js';
import { formatMoney, isCurrencyCode, type Money, moneyFromDecimal } from '../../domain/money/index.js';
import type { FeeModule } from '../../domain/pricing/index.js';
import type { Quote } from '../../domain/quotes/quote-engine.js';
import { createPdf, heading, labelValues, notice, type PdfLanguage, paragraph, type TableRow, table, title } from './pdf.js';

/** Who a quote was made for. */
export type QuoteParty = { kind: 'account'; code: string; name: string; nameZh: string | null } | { kind: 'prospect'; name: string | null };

/** A quote as saved: its id, when it was made, for whom, and the computed quote. */
export interface SavedQuoteDocument {
  id: string;
  createdAt: Date;
  party: QuoteParty;
  quote: Quote;
}

export interface QuotePdfOptions {
  language: PdfLanguage;
  /** The document's creation date (default now); pass the service clock for reproducible bytes. */
  generatedAt?: Date;
  /** `false` leaves the content streams uncompressed (debugging). */
  compress?: boolean;
}

/** The PDF lists this many SKUs at most; the workbook has them all. */
export const PDF_SKU_ROWS = 500;

/**
 * @example
 * const saved = savedQuoteDocument(row, quote, account); // account null for a prospect's quote
 */
export function savedQuoteDocument(
  row: Pick<QuoteRow, 'id' | 'createdAt' | 'prospectName'>,
  quote: Quote,
  account: Pick<AccountRow, 'code' | 'name' | 'nameZh'> | null,
): SavedQuoteDocument {
  return {
    id: row.id,
    createdAt: row.createdAt,
    party: account
      ? { kind: 'account', code: account.code, name: account.name, nameZh: account.nameZh }
      : { kind: 'prospect', name: row.prospectName },
    quote,
  };
}

/**
 * @example
 * const bytes = await quotePdf(saved, { language: 'zh-CN', generatedAt: clock.now() }); // starts with %PDF
 */
export async function quotePdf(saved: SavedQuoteDocument, options: QuotePdfOptions): Promise<Buffer> {
  const { quote } = saved;
  const language = options.language;
  const s = STRINGS[language];
  const money = (m: Money) => formatMoney(m, language);
  const cards = quote.cards.map((c) => `${c.code} v${c.version}`).join(', ');
  const party = partyText(saved.party, language);

  const pdf = createPdf({
    language,
    title: `${s.title} ${saved.id}`,
    subject: `${s.title} ${saved.id} · ${party} · ${s.pricesAsOf} ${quote.quoteDate}`,
    createdAt: options.generatedAt ?? new Date(),
    ...(options.compress === undefined ? {} : { compress: options.compress }),
  });

  title(pdf, s.title);
  labelValues(pdf, [
    [s.for, party],
    [s.quoteId, saved.id],
    [s.created, `${saved.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    [s.pricesAsOf, quote.quoteDate],
    [s.cards, cards],
  ]);

  const samples = quote.warnings.filter(isSampleNotice);
  if (samples.length > 0) {
    pdf.doc.moveDown(0.6);
    notice(pdf, s.sampleTitle, [s.sampleText, ...samples.map((w) => w[language === 'zh-CN' ? 'zh' : 'en'])]);
  }

  heading(pdf, s.summary);
  labelValues(pdf, [
    [s.monthlyTotal, money(quote.monthlyTotal)],
    [s.perOrder, `${money(quote.perOrder)}${s.perOrderHelp}`],
    [s.ordersPerMonth, formatQuantity(quote.volumes.ordersPerMonth, language)],
    [s.unitsPerMonth, formatQuantity(quote.volumes.unitsPerMonth, language)],
    [s.cartonsPerMonth, formatQuantity(quote.volumes.cartonsPerMonth, language)],
    [s.cubicFeetOnHand, formatQuantity(quote.volumes.cubicFeetOnHand, language)],
  ]);
  pdf.doc.moveDown(0.4);
  table(pdf, {
    columns: [
      { header: s.module, width: 'rest' },
      { header: s.monthly, width: 110, align: 'right' },
    ],
    rows: [
      ...quote.byModule.map((m) => [moduleName(m.module, language), m.total]),
      { cells: [s.monthlyTotal, quote.monthlyTotal], strong: true },
    ],
    fontSize: 8.5,
  });

  heading(pdf, s.skus);
  paragraph(pdf, s.skusHelp, 'muted');
  pdf.doc.moveDown(0.3);
  const perUnit = (value: string) => moneyFromDecimal(quote.currency, value, 'half_up');
  table(pdf, {
    columns: [
      { header: s.sellerSku, width: 'rest' },
      { header: s.unitsPerMonthShort, width: 50, align: 'right' },
      ...[s.firstLeg, s.duties, s.receiving, s.storage, s.fulfilment, s.returns].map((header) => ({
        header,
        width: 49,
        align: 'right' as const,
      })),
      { header: s.totalPerUnit, width: 58, align: 'right' },
    ],
    rows: quote.skus.slice(0, PDF_SKU_ROWS).map((sku): TableRow => {
      const p = sku.perUnit;
      return [
        sku.sellerSku,
        formatQuantity(sku.unitsPerMonth, language),
        ...[p.firstLeg, p.duties, p.receiving, p.storage, p.fulfilment, p.returns, p.total].map(perUnit),
      ];
    }),
    fontSize: 7.5,
  });
  if (quote.skus.length > PDF_SKU_ROWS) paragraph(pdf, s.moreSkus(quote.skus.length - PDF_SKU_ROWS), 'muted');

  heading(pdf, s.lines);
  paragraph(pdf, s.linesHelp, 'muted');
  pdf.doc.moveDown(0.3);
  const zh = language === 'zh-CN';
  table(pdf, {
    columns: [
      { header: s.module, width: 62 },
      { header: s.itemAndRule, width: 112 },
      { header: s.quantity, width: 64, align: 'right' },
      { header: s.rate, width: 54, align: 'right' },
      { header: s.amount, width: 60, align: 'right' },
      { header: s.formula, width: 'rest' },
    ],
    rows: [
      ...quote.lines.map((line): TableRow => {
        // First-leg lines converted from CNY keep their rate in CNY (docs/pricing.md §11, item 3).
        const rateCurrency = isCurrencyCode(line.inputs.fxFrom) ? line.inputs.fxFrom : line.amount.currency;
        return [
          moduleName(line.module, language),
          `${zh ? line.label.zh : line.label.en}\n${line.rule.ruleId} · ${line.rule.cardCode} v${line.rule.cardVersion}`,
          `${formatQuantity(line.quantity, language)} ${unitName(line.unit, language)}`,
          // A percentage ("12.5%") or any other non-decimal rate is printed as written.
          /^-?\d+(\.\d+)?$/.test(line.rate.trim()) ? formatAmount(rateCurrency, line.rate.trim(), language) : line.rate,
          line.amount,
          zh ? line.formula.zh : line.formula.en,
        ];
      }),
      { cells: ['', s.monthlyTotal, '', '', quote.monthlyTotal, ''], strong: true },
    ],
    fontSize: 7.5,
  });

  const others = quote.warnings.filter((w) => !isSampleNotice(w));
  if (others.length > 0) {
    heading(pdf, s.warnings);
    notice(
      pdf,
      s.warningsTitle(others.length),
      others.map((w) => (zh ? w.zh : w.en)),
    );
  }
  pdf.doc.moveDown(0.6);
  paragraph(pdf, s.howToRead, 'muted');

  return pdf.finish({
    headerLeft: 'Landed',
    headerRight: `${s.title} · ${saved.id}`,
    footerLeft: `${s.title} ${saved.id} · ${s.pricesAsOf} ${quote.quoteDate} · ${cards}`,
  });
}

/** Warnings that say a price, lane or table is sample data (the quote carries them as text). */
function isSampleNotice(warning: { en: string }): boolean {
  return /\bsamples?\b/i.test(warning.en);
}

function partyText(party: QuoteParty, language: PdfLanguage): string {
  const s = STRINGS[language];
  if (party.kind === 'account') return `${party.code} · ${language === 'zh-CN' ? (party.nameZh ?? party.name) : party.name}`;
  return `${s.prospect} ${party.name?.trim() || s.noName}`;
}

const MODULES: Record<FeeModule, { en: string; zh: string }> = {
  first_leg: { en: 'First-leg freight', zh: '头程运费' },
  customs_brokerage: { en: 'Customs brokerage', zh: '报关费' },
  duties: { en: 'Duties and taxes', zh: '关税及税费' },
  receiving: { en: 'Receiving', zh: '入库费' },
  putaway: { en: 'Putaway', zh: '上架费' },
  storage: { en: 'Storage', zh: '仓储费' },
  long_term_storage: { en: 'Long-term storage surcharge', zh: '长期仓储附加费' },
  handling: { en: 'Order handling', zh: '订单操作费' },
  packaging: { en: 'Packaging', zh: '包材费' },
  postage: { en: 'Last-mile postage', zh: '尾程运费' },
  returns: { en: 'Returns processing', zh: '退货处理费' },
  value_added: { en: 'Value-added services', zh: '增值服务' },
  operations: { en: 'Operations services', zh: '运营服务' },
  insurance: { en: 'Insurance', zh: '保险' },
  exit: { en: 'Exit disposal', zh: '退出处置' },
  discount: { en: 'Discounts', zh: '优惠' },
  minimum: { en: 'Minimum charge', zh: '最低消费' },
  fx: { en: 'Currency conversion', zh: '汇率换算' },
};

export function moduleName(module: FeeModule, language: PdfLanguage): string {
  const names = MODULES[module];
  return names ? names[language === 'zh-CN' ? 'zh' : 'en'] : module;
}

const UNITS: Record<string, { en: string; zh: string }> = {
  unit: { en: 'units', zh: '件' },
  carton: { en: 'cartons', zh: '箱' },
  parcel: { en: 'parcels', zh: '个包裹' },
  order: { en: 'orders', zh: '单' },
  kg: { en: 'kg', zh: '千克' },
  cbm: { en: 'CBM', zh: '立方米' },
  entry: { en: 'entries', zh: '票' },
  usd_value: { en: 'USD of value', zh: '美元货值' },
  declared_value: { en: 'USD declared', zh: '美元申报价值' },
  hour: { en: 'hours', zh: '小时' },
  kit: { en: 'kits', zh: '套' },
  line: { en: 'lines', zh: '项' },
  SKU: { en: 'SKUs', zh: '个SKU' },
  package: { en: 'packages', zh: '包' },
};

function unitName(unit: string, language: PdfLanguage): string {
  const names = Object.hasOwn(UNITS, unit) ? UNITS[unit] : undefined;
  return names ? names[language === 'zh-CN' ? 'zh' : 'en'] : unit;
}

const STRINGS = {
  en: {
    title: 'Quote',
    for: 'For',
    prospect: 'Prospect',
    noName: '(no name)',
    quoteId: 'Quote id',
    created: 'Created',
    pricesAsOf: 'Prices as of',
    cards: 'Rate card versions',
    sampleTitle: 'Sample prices',
    sampleText:
      "This quote was priced with sample data, not a provider's real price list. Load the real card before relying on these numbers.",
    summary: 'Summary',
    monthlyTotal: 'Monthly estimate',
    monthly: 'Per month',
    perOrder: 'Cost per order',
    perOrderHelp: '  (handling, packaging and postage of an average order)',
    ordersPerMonth: 'Orders per month',
    unitsPerMonth: 'Units per month',
    cartonsPerMonth: 'Cartons in per month',
    cubicFeetOnHand: 'Stock on hand (ft³)',
    module: 'Fee module',
    skus: 'Landed cost per unit',
    skusHelp: 'Per unit of each SKU, rounded to the cent; the fee lines below are exact.',
    sellerSku: 'Seller SKU',
    unitsPerMonthShort: 'Units / month',
    firstLeg: 'First leg',
    duties: 'Duties',
    receiving: 'Receiving',
    storage: 'Storage',
    fulfilment: 'Fulfilment',
    returns: 'Returns',
    totalPerUnit: 'Total per unit',
    moreSkus: (n: number) => `… and ${n} more SKUs: the Excel workbook lists every SKU.`,
    lines: 'Fee lines',
    linesHelp: 'Every priced line with the rule and card version it comes from; quantity × rate gives the amount, as the formula says.',
    itemAndRule: 'Item · rule',
    quantity: 'Quantity',
    rate: 'Rate',
    amount: 'Amount',
    formula: 'Formula',
    warnings: 'Before you rely on this quote',
    warningsTitle: (n: number) => (n === 1 ? '1 thing to know' : `${n} things to know`),
    howToRead:
      "Each line's amount is its exact amount rounded once to the cent; module totals and the monthly estimate are sums of the rounded lines. docs/pricing.md explains every rule with worked examples.",
  },
  'zh-CN': {
    title: '报价单',
    for: '客户',
    prospect: '潜在客户',
    noName: '（未填名称）',
    quoteId: '报价编号',
    created: '创建时间',
    pricesAsOf: '价格日期',
    cards: '价卡版本',
    sampleTitle: '示例价格',
    sampleText: '本报价使用示例数据计算，并非服务商的真实价目表。请在加载真实价卡后再以此为准。',
    summary: '汇总',
    monthlyTotal: '月度预估',
    monthly: '每月',
    perOrder: '单均履约成本',
    perOrderHelp: '（平均每单的操作费、包材费和尾程运费）',
    ordersPerMonth: '月订单量',
    unitsPerMonth: '月出库件数',
    cartonsPerMonth: '月入库箱数',
    cubicFeetOnHand: '在库库存（立方英尺）',
    module: '费用模块',
    skus: '单品落地成本',
    skusHelp: '每个 SKU 的单件成本，四舍五入到分；下方费用明细为精确金额。',
    sellerSku: '卖家SKU',
    unitsPerMonthShort: '月件数',
    firstLeg: '头程',
    duties: '关税',
    receiving: '入库上架',
    storage: '仓储',
    fulfilment: '履约',
    returns: '退货',
    totalPerUnit: '每件合计',
    moreSkus: (n: number) => `……另有 ${n} 个 SKU，完整列表见 Excel 报价表。`,
    lines: '费用明细',
    linesHelp: '每一行费用及其来源规则和价卡版本；数量 × 单价 = 金额，与计算公式一致。',
    itemAndRule: '项目 · 规则',
    quantity: '数量',
    rate: '单价',
    amount: '金额',
    formula: '计算公式',
    warnings: '使用本报价前请注意',
    warningsTitle: (n: number) => `${n} 条提示`,
    howToRead: '每行金额由精确金额只舍入一次到分得到；模块合计与月度预估均为各行已舍入金额之和。各项规则及算例见 docs/pricing.md。',
  },
} as const;
