/**
 * The paper an inbound plan travels with. Carton labels (100 × 150 mm, one per carton: the
 * carton's Code 128, plan, destination, contents) and SKU labels (50 × 25 mm thermal labels,
 * one per unit: FNSKU, else MSKU, else the seller SKU as Code 128, with the title) for the
 * consolidation warehouse to stick on; the packing list and commercial invoice (HS codes,
 * declared values, origin, totals) as Excel workbooks and PDFs for the forwarder and customs.
 * Labels use the same CJK font as every PDF (documents/pdf.ts), so Chinese titles print.
 */
import { createRequire } from 'node:module';
import type BwipJs from 'bwip-js';
import { excelJs, pdfKit } from '../lazy-modules.js';
import { type CurrencyCode, type Money, money, toDecimalString } from '../../domain/money/index.js';
import { cjkFonts, createPdf, heading, labelValues, PDF_FONTS, type PdfLanguage, type TableRow, table, title } from '../documents/pdf.js';
import { declaredUnitValue, type PlanView, type ViewItem } from './plan-view.js';

const MM = 72 / 25.4;

// Loaded on first use, like exceljs and pdfkit (see ../lazy-modules.ts): most commands never print a label.
const requireModule = createRequire(import.meta.url);
let bwipModule: typeof BwipJs | undefined;
function bwip(): typeof BwipJs {
  bwipModule ??= requireModule('bwip-js') as typeof BwipJs;
  return bwipModule;
}

export type DocumentLanguage = 'en' | 'zh-CN';

/** Code 128 as a PNG, sized for print (bwip-js renders bars as whole pixels at `scale`). */
export async function code128(text: string, heightMm: number): Promise<Buffer> {
  return bwip().toBuffer({ bcid: 'code128', text, scale: 4, height: heightMm, includetext: false, paddingwidth: 0, paddingheight: 0 });
}

function labelDocument(
  widthMm: number,
  heightMm: number,
  titleText: string,
  createdAt: Date,
): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const set = cjkFonts();
  const doc = new (pdfKit())({
    size: [widthMm * MM, heightMm * MM],
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    info: { Title: titleText, Author: 'Landed', Creator: 'Landed', CreationDate: createdAt },
  });
  for (const [name, face] of [
    [PDF_FONTS.regular, set.regular],
    [PDF_FONTS.bold, set.bold],
  ] as const) {
    if (face.face) doc.registerFont(name, face.data, face.face);
    else doc.registerFont(name, face.data);
  }
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/**
 * pdfkit embeds an image once per `openImage` and reuses it on every page it is drawn on (its
 * typings omit the method): a thousand labels of one SKU carry one barcode picture.
 */
function openImage(doc: PDFKit.PDFDocument, png: Buffer): Buffer {
  return (doc as unknown as { openImage(src: Buffer): Buffer }).openImage(png);
}

const t = (lang: DocumentLanguage, en: string, zh: string) => (lang === 'zh-CN' ? zh : en);

/**
 * One 100 × 150 mm label per carton, in carton order.
 *
 * @example const pdf = await cartonLabelsPdf(view, 'zh-CN', clock.now()) // N pages for N cartons
 */
export async function cartonLabelsPdf(view: PlanView, lang: DocumentLanguage, createdAt: Date): Promise<Buffer> {
  const { doc, done } = labelDocument(100, 150, `${view.plan.number} ${t(lang, 'carton labels', '箱唛')}`, createdAt);
  const w = 100 * MM;
  const pad = 5 * MM;
  const inner = w - 2 * pad;
  const dest = view.destination;
  for (const carton of view.cartons) {
    doc.addPage();
    let y = pad;
    doc.font(PDF_FONTS.bold).fontSize(15).fillColor('#000');
    doc.text(view.plan.number, pad, y, { width: inner * 0.62, lineBreak: false });
    doc.fontSize(15).text(`${carton.cartonNo} / ${view.cartons.length}`, pad + inner * 0.62, y, {
      width: inner * 0.38,
      align: 'right',
      lineBreak: false,
    });
    y += 20;
    doc.font(PDF_FONTS.regular).fontSize(8).fillColor('#333');
    doc.text(`${view.account.code} · ${view.account.nameZh ?? view.account.name}`, pad, y, {
      width: inner,
      lineBreak: false,
      ellipsis: true,
    });
    y += 14;
    const image = openImage(doc, await code128(carton.barcode, 16));
    doc.image(image, pad, y, { width: inner, height: 20 * MM });
    y += 20 * MM + 3;
    doc
      .font(PDF_FONTS.bold)
      .fontSize(11)
      .fillColor('#000')
      .text(carton.barcode, pad, y, { width: inner, align: 'center', lineBreak: false });
    y += 18;
    doc
      .moveTo(pad, y)
      .lineTo(w - pad, y)
      .lineWidth(0.8)
      .stroke('#000');
    y += 5;
    doc
      .font(PDF_FONTS.regular)
      .fontSize(7.5)
      .fillColor('#333')
      .text(t(lang, 'SHIP TO', '收货仓'), pad, y);
    y += 10;
    doc.font(PDF_FONTS.bold).fontSize(22).fillColor('#000').text(dest.code, pad, y, { width: inner, lineBreak: false });
    y += 26;
    doc.font(PDF_FONTS.regular).fontSize(8.5);
    const address = [dest.name, dest.addressLine1, dest.addressLine2, `${dest.city}, ${dest.region} ${dest.postalCode}, ${dest.country}`]
      .filter(Boolean)
      .join('\n');
    doc.text(address, pad, y, { width: inner });
    y = doc.y + 4;
    doc
      .moveTo(pad, y)
      .lineTo(w - pad, y)
      .lineWidth(0.8)
      .stroke('#000');
    y += 5;
    doc
      .font(PDF_FONTS.regular)
      .fontSize(7.5)
      .fillColor('#333')
      .text(t(lang, 'CONTENTS', '箱内货品'), pad, y);
    y += 11;
    const maxLines = 9;
    doc.fillColor('#000');
    for (const [i, item] of carton.items.filter((it) => it.quantity > 0).entries()) {
      if (i === maxLines - 1 && carton.items.length > maxLines) {
        doc
          .font(PDF_FONTS.regular)
          .fontSize(9)
          .text(
            t(lang, `+ ${carton.items.length - i} more SKUs (see packing list)`, `另有 ${carton.items.length - i} 个 SKU（见装箱单）`),
            pad,
            y,
          );
        y += 13;
        break;
      }
      doc
        .font(PDF_FONTS.bold)
        .fontSize(10)
        .text(item.sku.sellerSku, pad, y, { width: inner * 0.78, lineBreak: false, ellipsis: true });
      doc.text(`× ${item.quantity}`, pad + inner * 0.78, y, { width: inner * 0.22, align: 'right', lineBreak: false });
      y += 13;
    }
    const bottom = 150 * MM - pad - 24;
    doc
      .moveTo(pad, bottom)
      .lineTo(w - pad, bottom)
      .lineWidth(0.8)
      .stroke('#000');
    doc.font(PDF_FONTS.regular).fontSize(8.5).fillColor('#000');
    const dims = `${(carton.lengthMm / 10).toFixed(1)} × ${(carton.widthMm / 10).toFixed(1)} × ${(carton.heightMm / 10).toFixed(1)} cm`;
    doc.text(`${dims}   ${(carton.weightG / 1000).toFixed(2)} kg`, pad, bottom + 5, { width: inner * 0.7, lineBreak: false });
    doc.text(`${view.plan.freightMode.toUpperCase()}${view.origin ? ` · ${view.origin.code}` : ''}`, pad + inner * 0.7, bottom + 5, {
      width: inner * 0.3,
      align: 'right',
      lineBreak: false,
    });
    doc
      .fontSize(7)
      .fillColor('#333')
      .text('MADE IN CHINA', pad, bottom + 15, { width: inner, lineBreak: false });
  }
  if (view.cartons.length === 0) doc.addPage();
  doc.end();
  return done;
}

/** The code a SKU label carries: the marketplace's FNSKU, else its MSKU, else the seller SKU. */
export function skuLabelCode(sku: { fnsku: string | null; msku: string | null; sellerSku: string }): string {
  return sku.fnsku ?? sku.msku ?? sku.sellerSku;
}

/** Labels beyond this in one file are refused: print per SKU instead. */
export const MAX_SKU_LABELS = 20_000;

/**
 * 50 × 25 mm labels: one per planned unit (`copies: 'units'`) or one per SKU (`'one'`).
 *
 * @example const pdf = await skuLabelsPdf(view, 'en', 'units', clock.now())
 */
export async function skuLabelsPdf(
  view: PlanView,
  lang: DocumentLanguage,
  copies: 'units' | 'one',
  createdAt: Date,
  skuIds?: string[],
): Promise<Buffer> {
  const { doc, done } = labelDocument(50, 25, `${view.plan.number} ${t(lang, 'SKU labels', '产品标签')}`, createdAt);
  const w = 50 * MM;
  const pad = 2 * MM;
  const inner = w - 2 * pad;
  const chosen = view.skus.filter((s) => !skuIds || skuIds.includes(s.sku.id));
  for (const entry of chosen) {
    const code = skuLabelCode(entry.sku);
    const image = openImage(doc, await code128(code, 8));
    const titleText = (lang === 'zh-CN' ? (entry.sku.titleZh ?? entry.sku.titleEn) : (entry.sku.titleEn ?? entry.sku.titleZh)) ?? '';
    const n = copies === 'units' ? Math.max(1, entry.planned) : 1;
    for (let i = 0; i < n; i++) {
      doc.addPage();
      // 4 mm each side keeps the quiet zone a scanner needs (ten modules at this size).
      doc.image(image, 4 * MM, 1.5 * MM, { width: w - 8 * MM, height: 10 * MM });
      doc
        .font(PDF_FONTS.bold)
        .fontSize(7)
        .fillColor('#000')
        .text(code, pad, 12.3 * MM, { width: inner, align: 'center', lineBreak: false });
      doc
        .font(PDF_FONTS.regular)
        .fontSize(5.5)
        .text(titleText, pad, 15.6 * MM, { width: inner, height: 6, lineBreak: false, ellipsis: true });
      const tail = code === entry.sku.sellerSku ? 'New · Made in China' : `${entry.sku.sellerSku} · New · Made in China`;
      doc.text(tail, pad, 19.4 * MM, { width: inner, lineBreak: false, ellipsis: true });
    }
  }
  if (chosen.length === 0) doc.addPage();
  doc.end();
  return done;
}

/** How many SKU labels a plan needs (one per planned unit). */
export function skuLabelCount(view: PlanView, copies: 'units' | 'one'): number {
  return view.skus.reduce((a, s) => a + (copies === 'units' ? Math.max(1, s.planned) : 1), 0);
}

// ——— packing list and commercial invoice ———

interface InvoiceLine {
  sellerSku: string;
  description: string;
  hsCode: string;
  origin: string;
  quantity: number;
  unitValue: Money | null;
  total: Money | null;
  netWeightKg: string;
}

function invoiceLines(view: PlanView, lang: DocumentLanguage): InvoiceLine[] {
  const bySku = new Map<string, { item: ViewItem; quantity: number; unit: Money | null }>();
  for (const carton of view.cartons) {
    for (const item of carton.items) {
      if (item.quantity === 0) continue;
      const unit = declaredUnitValue(item);
      // The same SKU at two declared values (a line override) stays two invoice lines.
      const key = `${item.skuId}:${unit ? `${unit.currency}${unit.minor}` : '-'}`;
      const entry = bySku.get(key) ?? { item, quantity: 0, unit };
      entry.quantity += item.quantity;
      bySku.set(key, entry);
    }
  }
  return [...bySku.values()]
    .sort((a, b) => a.item.sku.sellerSku.localeCompare(b.item.sku.sellerSku))
    .map(({ item, quantity, unit }) => {
      const sku = item.sku;
      const en = sku.titleEn ?? sku.titleZh ?? sku.sellerSku;
      const description = lang === 'zh-CN' && sku.titleZh ? `${sku.titleZh}${sku.titleEn ? ` / ${sku.titleEn}` : ''}` : en;
      const unitG = unitWeightG(sku.weight, sku.weightUnit);
      return {
        sellerSku: sku.sellerSku,
        description,
        hsCode: formatHs(sku.hsCode),
        origin: sku.countryOfOrigin ?? 'CN',
        quantity,
        unitValue: unit,
        total: unit ? money(unit.currency, unit.minor * BigInt(quantity)) : null,
        netWeightKg: ((unitG * quantity) / 1000).toFixed(2),
      };
    });
}

function unitWeightG(value: string, unit: string): number {
  const n = Number(value);
  switch (unit) {
    case 'kg':
      return n * 1000;
    case 'lb':
      return n * 453.59237;
    case 'oz':
      return n * 28.349523125;
    default:
      return n;
  }
}

/** 6109100012 → 6109.10.0012 (how brokers write it). */
export function formatHs(code: string | null): string {
  if (!code) return '';
  if (code.length <= 6) return `${code.slice(0, 4)}.${code.slice(4)}`;
  return `${code.slice(0, 4)}.${code.slice(4, 6)}.${code.slice(6)}`;
}

function totalsByCurrency(lines: InvoiceLine[]): Money[] {
  const sums = new Map<CurrencyCode, bigint>();
  for (const l of lines) if (l.total) sums.set(l.total.currency, (sums.get(l.total.currency) ?? 0n) + l.total.minor);
  return [...sums].map(([c, m]) => money(c, m));
}

function parties(view: PlanView, lang: DocumentLanguage): [string, string][] {
  const dest = view.destination;
  const origin = view.origin;
  return [
    [t(lang, 'Invoice / ASN no.', '发票 / 入库单号'), view.plan.number],
    [t(lang, 'Reference', '参考号'), view.plan.reference ?? '—'],
    [t(lang, 'Seller (shipper)', '卖家（发货人）'), `${view.account.name}${view.account.nameZh ? ` / ${view.account.nameZh}` : ''}`],
    [
      t(lang, 'Ship from', '发货地'),
      origin
        ? `${origin.code} ${origin.name}, ${origin.addressLine1}, ${origin.city}, ${origin.region} ${origin.postalCode}, ${origin.country}`
        : 'CN',
    ],
    [
      t(lang, 'Ship to (consignee)', '收货地（收货人）'),
      `${dest.code} ${dest.name}, ${dest.addressLine1}, ${dest.city}, ${dest.region} ${dest.postalCode}, ${dest.country}`,
    ],
    [
      t(lang, 'Freight', '运输方式'),
      [
        view.plan.freightMode,
        view.plan.carrier,
        view.plan.vessel && `${view.plan.vessel} ${view.plan.voyage ?? ''}`.trim(),
        view.plan.containerNumber,
        view.plan.trackingNumber,
      ]
        .filter(Boolean)
        .join(' · '),
    ],
    [t(lang, 'ETD / ETA', '预计开船 / 到港'), `${view.plan.etd ?? '—'} / ${view.plan.eta ?? '—'}`],
  ];
}

export async function packingListXlsx(view: PlanView, lang: DocumentLanguage): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  wb.creator = 'Landed';
  const ws = wb.addWorksheet(t(lang, 'Packing list', '装箱单'));
  for (const [label, value] of parties(view, lang)) ws.addRow([label, value]);
  ws.addRow([]);
  const header = ws.addRow([
    t(lang, 'Carton', '箱号'),
    t(lang, 'Carton barcode', '箱条码'),
    'SKU',
    t(lang, 'Description', '品名'),
    t(lang, 'Qty', '数量'),
    t(lang, 'L (cm)', '长(cm)'),
    t(lang, 'W (cm)', '宽(cm)'),
    t(lang, 'H (cm)', '高(cm)'),
    t(lang, 'Gross weight (kg)', '毛重(kg)'),
    t(lang, 'Volume (m³)', '体积(m³)'),
  ]);
  header.font = { bold: true };
  for (const c of view.cartons) {
    c.items.forEach((item, i) => {
      const first = i === 0;
      ws.addRow([
        c.cartonNo,
        c.barcode,
        item.sku.sellerSku,
        lang === 'zh-CN' ? (item.sku.titleZh ?? item.sku.titleEn) : (item.sku.titleEn ?? item.sku.titleZh),
        item.quantity,
        first ? c.lengthMm / 10 : null,
        first ? c.widthMm / 10 : null,
        first ? c.heightMm / 10 : null,
        first ? c.weightG / 1000 : null,
        first ? Number(((c.lengthMm * c.widthMm * c.heightMm) / 1e9).toFixed(4)) : null,
      ]);
    });
  }
  const total = ws.addRow([
    t(lang, 'Total', '合计'),
    `${view.totals.cartons} ${t(lang, 'cartons', '箱')}`,
    '',
    '',
    view.totals.units,
    null,
    null,
    null,
    view.totals.weightG / 1000,
    Number(view.totals.volumeM3),
  ]);
  total.font = { bold: true };
  [8, 24, 20, 40, 8, 8, 8, 8, 16, 12].forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function commercialInvoiceXlsx(view: PlanView, lang: DocumentLanguage): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  wb.creator = 'Landed';
  const ws = wb.addWorksheet(t(lang, 'Commercial invoice', '商业发票'));
  ws.addRow([t(lang, 'COMMERCIAL INVOICE', '商业发票 COMMERCIAL INVOICE')]).font = { bold: true, size: 14 };
  for (const [label, value] of parties(view, lang)) ws.addRow([label, value]);
  ws.addRow([]);
  const header = ws.addRow([
    'SKU',
    t(lang, 'Description', '品名'),
    t(lang, 'HS code', 'HS 编码'),
    t(lang, 'Origin', '原产国'),
    t(lang, 'Qty', '数量'),
    t(lang, 'Unit value', '单价'),
    t(lang, 'Currency', '币种'),
    t(lang, 'Total value', '总价'),
    t(lang, 'Net weight (kg)', '净重(kg)'),
  ]);
  header.font = { bold: true };
  const lines = invoiceLines(view, lang);
  for (const l of lines) {
    const row = ws.addRow([
      l.sellerSku,
      l.description,
      l.hsCode || t(lang, 'MISSING', '缺失'),
      l.origin,
      l.quantity,
      l.unitValue ? Number(toDecimalString(l.unitValue)) : null,
      l.unitValue?.currency ?? '',
      l.total ? Number(toDecimalString(l.total)) : null,
      Number(l.netWeightKg),
    ]);
    row.getCell(6).numFmt = '0.00';
    row.getCell(8).numFmt = '0.00';
    ws.getCell(`C${row.number}`).numFmt = '@';
  }
  for (const m of totalsByCurrency(lines)) {
    const row = ws.addRow([
      t(lang, 'Total', '合计'),
      '',
      '',
      '',
      lines.reduce((a, l) => a + l.quantity, 0),
      null,
      m.currency,
      Number(toDecimalString(m)),
      null,
    ]);
    row.font = { bold: true };
    row.getCell(8).numFmt = '0.00';
  }
  ws.addRow([]);
  ws.addRow([
    t(
      lang,
      'Values are per unit as declared for this shipment. I declare that the information on this invoice is true and correct.',
      '价值为本次申报的单件价值。本人声明以上信息真实无误。',
    ),
  ]);
  [18, 44, 16, 8, 8, 12, 10, 14, 14].forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function packingListPdf(view: PlanView, lang: DocumentLanguage, createdAt: Date): Promise<Buffer> {
  const pdf = createPdf({ language: lang as PdfLanguage, title: `${view.plan.number} ${t(lang, 'packing list', '装箱单')}`, createdAt });
  title(pdf, t(lang, `Packing list ${view.plan.number}`, `装箱单 ${view.plan.number}`));
  labelValues(pdf, parties(view, lang));
  heading(pdf, t(lang, 'Cartons', '箱明细'));
  const rows: TableRow[] = view.cartons.flatMap((c) =>
    c.items.map((item, i) => [
      i === 0 ? String(c.cartonNo) : '',
      item.sku.sellerSku,
      String(item.quantity),
      i === 0 ? `${c.lengthMm / 10}×${c.widthMm / 10}×${c.heightMm / 10}` : '',
      i === 0 ? (c.weightG / 1000).toFixed(2) : '',
    ]),
  );
  rows.push({
    cells: [
      t(lang, 'Total', '合计'),
      `${view.totals.cartons} ${t(lang, 'cartons', '箱')}`,
      String(view.totals.units),
      `${view.totals.volumeM3} m³`,
      (view.totals.weightG / 1000).toFixed(2),
    ],
    strong: true,
  });
  table(pdf, {
    columns: [
      { header: t(lang, 'Carton', '箱号'), width: 40 },
      { header: 'SKU', width: 'rest' },
      { header: t(lang, 'Qty', '数量'), width: 50, align: 'right' },
      { header: t(lang, 'Size (cm)', '尺寸(cm)'), width: 100 },
      { header: t(lang, 'Gross kg', '毛重 kg'), width: 60, align: 'right' },
    ],
    rows,
  });
  return pdf.finish({ headerLeft: 'Landed', headerRight: t(lang, 'Packing list', '装箱单'), footerLeft: view.plan.number });
}

export async function commercialInvoicePdf(view: PlanView, lang: DocumentLanguage, createdAt: Date): Promise<Buffer> {
  const pdf = createPdf({
    language: lang as PdfLanguage,
    title: `${view.plan.number} ${t(lang, 'commercial invoice', '商业发票')}`,
    createdAt,
  });
  title(pdf, t(lang, `Commercial invoice ${view.plan.number}`, `商业发票 ${view.plan.number}`));
  labelValues(pdf, parties(view, lang));
  heading(pdf, t(lang, 'Goods', '货物明细'));
  const lines = invoiceLines(view, lang);
  const rows: TableRow[] = lines.map((l) => [
    l.sellerSku,
    l.description,
    l.hsCode || t(lang, 'MISSING', '缺失'),
    l.origin,
    String(l.quantity),
    l.unitValue ?? '—',
    l.total ?? '—',
  ]);
  for (const m of totalsByCurrency(lines))
    rows.push({ cells: [t(lang, 'Total', '合计'), '', '', '', String(lines.reduce((a, l) => a + l.quantity, 0)), '', m], strong: true });
  table(pdf, {
    columns: [
      { header: 'SKU', width: 80 },
      { header: t(lang, 'Description', '品名'), width: 'rest' },
      { header: t(lang, 'HS code', 'HS 编码'), width: 62 },
      { header: t(lang, 'Origin', '原产'), width: 32 },
      { header: t(lang, 'Qty', '数量'), width: 36, align: 'right' },
      { header: t(lang, 'Unit value', '单价'), width: 58 },
      { header: t(lang, 'Total', '总价'), width: 66 },
    ],
    rows,
  });
  return pdf.finish({ headerLeft: 'Landed', headerRight: t(lang, 'Commercial invoice', '商业发票'), footerLeft: view.plan.number });
}
