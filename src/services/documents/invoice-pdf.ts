/**
 * An invoice (or credit note) as a PDF in Chinese or English: the provider, the seller, the
 * number (or a DRAFT mark on every page while it is a draft), the period, currency and card
 * versions, every line (module, rule, card version, quantity, unit, rate, amount), subtotals by
 * module, credit notes written against it, the total and its CNY equivalent at the stated rate
 * and date, and a closing section telling the seller where the line-level detail is and how to
 * dispute a line. Every number is the invoice's own: money from integer minor units, quantities
 * and rates exactly as stored.
 */
import { formatAmount } from '../../domain/money/format-amount.js';
import { type CurrencyCode, formatMoney, isCurrencyCode, type Money, money, sum } from '../../domain/money/index.js';
import type { FeeModule } from '../../domain/pricing/index.js';
import type { InvoiceView } from '../billing/billing.js';
import { createPdf, heading, labelValues, notice, type PdfLanguage, paragraph, PDF_FONTS, type TableRow, table, title } from './pdf.js';
import { moduleName } from './quote-pdf.js';

export interface InvoiceParties {
  provider: { name: string; legalName: string | null; contactEmail: string | null };
  seller: { code: string; name: string; nameZh: string | null };
}

export interface InvoicePdfOptions {
  language: PdfLanguage;
  /** The document's creation date; pass the service clock for reproducible bytes. */
  generatedAt: Date;
  compress?: boolean;
}

/** The lines' amounts summed per module, in the order modules first appear. */
export function subtotalsByModule(view: InvoiceView): { module: string; total: Money }[] {
  const currency = view.invoice.currency as CurrencyCode;
  const order: string[] = [];
  const byModule = new Map<string, Money[]>();
  for (const line of view.lines) {
    if (!byModule.has(line.module)) {
      order.push(line.module);
      byModule.set(line.module, []);
    }
    byModule.get(line.module)?.push(money(currency, line.amountMinor));
  }
  return order.map((module) => ({ module, total: sum(currency, byModule.get(module) ?? []) }));
}

/**
 * @example
 * const bytes = await invoicePdf(view, parties, { language: 'zh-CN', generatedAt: clock.now() }); // starts with %PDF
 */
export async function invoicePdf(view: InvoiceView, parties: InvoiceParties, options: InvoicePdfOptions): Promise<Buffer> {
  const { invoice } = view;
  const language = options.language;
  const zh = language === 'zh-CN';
  const s = STRINGS[language];
  const currency = invoice.currency as CurrencyCode;
  const m = (minor: bigint) => money(currency, minor);
  const draft = invoice.status !== 'finalized';
  const creditNote = invoice.documentType === 'credit_note';
  const docTitle = creditNote ? s.creditNote : s.invoice;
  const reference = invoice.number ?? `${s.draft} ${view.accountCode} ${invoice.period}`;
  const seller = `${parties.seller.code} · ${zh ? (parties.seller.nameZh ?? parties.seller.name) : parties.seller.name}`;
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: invoice.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const lastDay = day(new Date(invoice.periodEnd.getTime() - 1));

  const pdf = createPdf({
    language,
    title: `${docTitle} ${reference}`,
    subject: `${docTitle} ${reference} · ${parties.seller.code} · ${invoice.period}`,
    createdAt: options.generatedAt,
    ...(options.compress === undefined ? {} : { compress: options.compress }),
  });

  title(pdf, draft ? `${docTitle} — ${s.draftMark}` : docTitle);
  if (draft) notice(pdf, s.draftTitle, [s.draftText]);
  labelValues(pdf, [
    [s.provider, [parties.provider.legalName ?? parties.provider.name, parties.provider.contactEmail].filter(Boolean).join(' · ')],
    [s.seller, seller],
    [s.number, invoice.number ?? s.notNumbered],
    ...(creditNote && invoice.reason ? [[s.reason, invoice.reason] as const] : []),
    [s.period, `${invoice.period} (${day(invoice.periodStart)} – ${lastDay}, ${invoice.timeZone})`],
    [s.currency, currency],
    [
      s.cards,
      (invoice.cards as { code: string; version: number; from: string; to: string }[])
        .map((c) => `${c.code} v${c.version} (${c.from} – ${c.to})`)
        .join(', ') || '—',
    ],
    [s.eventsThrough, `${invoice.eventsThrough.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    ...(invoice.finalizedAt ? [[s.finalized, `${invoice.finalizedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`] as const] : []),
  ]);

  heading(pdf, s.lines);
  paragraph(pdf, s.linesHelp, 'muted');
  pdf.doc.moveDown(0.3);
  table(pdf, {
    columns: [
      { header: '#', width: 18, align: 'right' },
      { header: s.module, width: 60 },
      { header: s.itemAndRule, width: 'rest' },
      { header: s.quantity, width: 62, align: 'right' },
      { header: s.unit, width: 40 },
      { header: s.rate, width: 56, align: 'right' },
      { header: s.amount, width: 64, align: 'right' },
    ],
    rows: [
      ...view.lines.map((line): TableRow => {
        const label = line.label as { en: string; zh: string };
        const card = line.cardCode ? `${line.cardCode} v${line.cardVersion}` : '—';
        const note = line.note as { en: string; zh: string } | null;
        return [
          String(line.lineNo),
          moduleName(line.module as FeeModule, language),
          `${zh ? label.zh : label.en}\n${line.ruleId} · ${card}${note ? `\n${zh ? note.zh : note.en}` : ''}`,
          line.quantity,
          line.unit,
          /^-?\d+(\.\d+)?$/.test(line.rate.trim()) ? formatAmount(currency, line.rate.trim(), language) : line.rate,
          m(line.amountMinor),
        ];
      }),
      { cells: ['', '', s.total, '', '', '', m(invoice.totalMinor)], strong: true },
    ],
    fontSize: 7.5,
  });

  heading(pdf, s.subtotals);
  table(pdf, {
    columns: [
      { header: s.module, width: 'rest' },
      { header: s.amount, width: 110, align: 'right' },
    ],
    rows: [
      ...subtotalsByModule(view).map((row): TableRow => [moduleName(row.module as FeeModule, language), row.total]),
      { cells: [s.total, m(invoice.totalMinor)], strong: true },
    ],
    fontSize: 8.5,
  });

  if (!creditNote) {
    heading(pdf, s.credits);
    if (view.creditNotes.length === 0) paragraph(pdf, s.noCredits, 'muted');
    else {
      table(pdf, {
        columns: [
          { header: s.creditNote, width: 'rest' },
          { header: s.amount, width: 110, align: 'right' },
        ],
        rows: [
          ...view.creditNotes.map((n): TableRow => [n.number ?? s.notNumbered, m(n.totalMinor)]),
          { cells: [s.balance, m(invoice.totalMinor + view.credited)], strong: true },
        ],
        fontSize: 8.5,
      });
    }
  }

  heading(pdf, s.totals);
  const fx =
    invoice.fxCurrency && invoice.fxRate && invoice.fxDate && invoice.fxTotalMinor !== null && isCurrencyCode(invoice.fxCurrency)
      ? { currency: invoice.fxCurrency, rate: invoice.fxRate, date: invoice.fxDate, total: money(invoice.fxCurrency, invoice.fxTotalMinor) }
      : null;
  labelValues(pdf, [
    [s.total, formatMoney(m(invoice.totalMinor), language)],
    ...(fx
      ? [
          [
            s.fxEquivalent(fx.currency),
            `${formatMoney(fx.total, language)} ${s.fxAt(currency, fx.currency, stripZeros(fx.rate), fx.date)}`,
          ] as const,
        ]
      : []),
  ]);

  const warnings = invoice.warnings as { en: string; zh: string }[];
  if (warnings.length > 0) {
    heading(pdf, s.warnings);
    notice(
      pdf,
      s.warningsTitle(warnings.length),
      warnings.map((w) => (zh ? w.zh : w.en)),
    );
  }

  heading(pdf, s.auditTitle);
  paragraph(pdf, s.detail(invoice.id));
  pdf.doc.moveDown(0.3);
  paragraph(pdf, s.dispute(invoice.id));

  if (draft) watermark(pdf, s.draftMark);
  return pdf.finish({
    headerLeft: parties.provider.name,
    headerRight: `${docTitle} · ${reference}`,
    footerLeft: `${docTitle} ${reference} · ${parties.seller.code} · ${invoice.period}`,
  });
}

/** A large, light DRAFT across every page. */
function watermark(pdf: ReturnType<typeof createPdf>, text: string): void {
  const { doc } = pdf;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save();
    doc.rotate(-35, { origin: [width / 2, height / 2] });
    doc.font(PDF_FONTS.bold).fontSize(96).fillColor('#d0d3d9').fillOpacity(0.35);
    doc.text(text, 0, height / 2 - 48, { width, align: 'center', lineBreak: false });
    doc.restore();
    doc.page.margins.bottom = bottom;
  }
}

/** "7.12000000" → "7.12" (the rate as published, without the column's padding). */
function stripZeros(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

const STRINGS = {
  en: {
    invoice: 'Invoice',
    creditNote: 'Credit note',
    draft: 'Draft',
    draftMark: 'DRAFT',
    draftTitle: 'Draft: not a final invoice',
    draftText: 'This draft changes each time the period is billed again. It gets its number when it is finalized; only then is it due.',
    provider: 'From',
    seller: 'Bill to',
    number: 'Number',
    notNumbered: 'not numbered (draft)',
    reason: 'Reason',
    period: 'Period',
    currency: 'Currency',
    cards: 'Rate card versions',
    eventsThrough: 'Activity recorded up to',
    finalized: 'Finalized',
    lines: 'Lines',
    linesHelp:
      'Every line with the rule and card version that priced it. Quantity × rate gives the exact amount, rounded once to the cent; the total is the sum of the rounded lines.',
    module: 'Module',
    itemAndRule: 'Item · rule · card version',
    quantity: 'Quantity',
    unit: 'Unit',
    rate: 'Rate',
    amount: 'Amount',
    total: 'Total',
    subtotals: 'Subtotals by module',
    credits: 'Credit notes',
    noCredits: 'No credit note has been written against this invoice.',
    balance: 'Balance after credits',
    totals: 'Amount due',
    fxEquivalent: (c: string) => `${c} equivalent`,
    fxAt: (from: string, to: string, rate: string, date: string) => `at 1 ${from} = ${rate} ${to}, rate of ${date}`,
    warnings: 'Notes',
    warningsTitle: (n: number) => (n === 1 ? '1 note on this invoice' : `${n} notes on this invoice`),
    auditTitle: 'Check every line, or dispute one',
    detail: (id: string) =>
      `Line-level detail: every line with each activity record behind it (order, inbound plan, lot, return, work order), as CSV or Excel — GET /v1/invoices/${id}/detail.csv or /detail.xlsx, or Bills in the portal. docs/billing.md shows how to recompute each line from it.`,
    dispute: (id: string) =>
      `To dispute a line: in the portal open the invoice and choose "Dispute" on the line, or POST /v1/invoices/${id}/disputes with the line, a reason (wrong quantity, wrong rate, not our goods, charged twice, service not performed, other) and what you ask back. Accepted disputes are credited on a credit note.`,
  },
  'zh-CN': {
    invoice: '账单',
    creditNote: '退款单',
    draft: '草稿',
    draftMark: '草稿',
    draftTitle: '草稿：非正式账单',
    draftText: '本草稿在每次重新出账时都会更新；确认（定稿）后才会编号并需付款。',
    provider: '服务商',
    seller: '客户',
    number: '编号',
    notNumbered: '未编号（草稿）',
    reason: '原因',
    period: '账期',
    currency: '币种',
    cards: '价卡版本',
    eventsThrough: '计入截至',
    finalized: '定稿时间',
    lines: '费用明细',
    linesHelp: '每一行均注明计价规则和价卡版本。数量 × 单价 = 精确金额，只舍入一次到分；合计为各行舍入后金额之和。',
    module: '费用模块',
    itemAndRule: '项目 · 规则 · 价卡版本',
    quantity: '数量',
    unit: '单位',
    rate: '单价',
    amount: '金额',
    total: '合计',
    subtotals: '按模块小计',
    credits: '退款单',
    noCredits: '本账单尚无退款单。',
    balance: '退款后余额',
    totals: '应付金额',
    fxEquivalent: (c: string) => `${c} 等值`,
    fxAt: (from: string, to: string, rate: string, date: string) => `按 1 ${from} = ${rate} ${to}（${date} 汇率）`,
    warnings: '说明',
    warningsTitle: (n: number) => `本账单有 ${n} 条说明`,
    auditTitle: '核对每一行，或提出争议',
    detail: (id: string) =>
      `明细：每一行及其对应的作业记录（订单、入库计划、批次、退货、工单），可导出 CSV 或 Excel —— GET /v1/invoices/${id}/detail.csv 或 /detail.xlsx，或在门户的“账单”页面导出。docs/billing.md 说明如何据此重算每一行。`,
    dispute: (id: string) =>
      `如对某一行有异议：在门户打开账单并在该行选择“提出争议”，或 POST /v1/invoices/${id}/disputes，注明行、原因（数量有误、单价有误、非本公司货物、重复收费、未提供该服务、其他）及申请退还的金额。争议被接受后以退款单退还。`,
  },
} as const;
