/**
 * PDF documents (quotes now; invoices and labels next) on pdfkit: a document with a CJK font
 * registered (Chinese and English both render, see docs/decisions/0005-pdf-fonts.md), a running
 * header and a footer with page numbers, headings, notices, label/value lists and a table that
 * breaks across pages, repeats its header row and right-aligns money. Nothing here knows about
 * quotes: a document module lays out its own content with these pieces.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pdfKit } from '../lazy-modules.js';
import { formatMoney, type Money } from '../../domain/money/index.js';

export type PdfLanguage = 'en' | 'zh-CN';

/** Names the fonts are registered under in every document. */
export const PDF_FONTS = { regular: 'landed-regular', bold: 'landed-bold' } as const;

const COLOURS = {
  text: '#1f2329',
  muted: '#646a73',
  rule: '#c9cdd4',
  faint: '#e5e6eb',
  headerFill: '#f2f3f5',
  noticeFill: '#fff7e8',
  noticeBorder: '#ffb65d',
} as const;

const MARGINS = { top: 62, bottom: 54, left: 42, right: 42 } as const;

interface FontFace {
  data: Buffer;
  /** The face to use inside a font collection (.ttc); undefined for a single font file. */
  face?: string;
}

interface FontSet {
  regular: FontFace;
  bold: FontFace;
  /** Where the fonts came from, for error messages and tests. */
  origin: string;
}

/** Debian's `fonts-wqy-zenhei`: used only when the npm font package is missing. */
export const SYSTEM_CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

let fonts: FontSet | undefined;

/**
 * The CJK fonts, read once per process: Noto Sans Hans (OFL) from the `@embedpdf/fonts-sc`
 * package, resolved through node_modules so the build copies nothing; else WenQuanYi Zen Hei
 * when the system has it. Its Latin glyphs serve English too, so one font covers both languages
 * and the Chinese names an English document may quote.
 */
export function cjkFonts(): FontSet {
  if (fonts) return fonts;
  const packaged = packagedFontDir();
  if (packaged) {
    fonts = {
      regular: { data: fs.readFileSync(path.join(packaged, 'NotoSansHans-Regular.otf')) },
      bold: { data: fs.readFileSync(path.join(packaged, 'NotoSansHans-Bold.otf')) },
      origin: packaged,
    };
  } else if (fs.existsSync(SYSTEM_CJK_FONT)) {
    // One weight only: the bold text is the regular face.
    const data = fs.readFileSync(SYSTEM_CJK_FONT);
    fonts = { regular: { data, face: 'WenQuanYiZenHei' }, bold: { data, face: 'WenQuanYiZenHei' }, origin: SYSTEM_CJK_FONT };
  } else {
    throw new Error(
      `No CJK font for PDF documents: the package @embedpdf/fonts-sc is not installed (run npm install) and ${SYSTEM_CJK_FONT} does not exist.`,
    );
  }
  return fonts;
}

function packagedFontDir(): string | null {
  try {
    // The package exports only its index; the font files sit in ../fonts beside dist/.
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    const dir = path.join(path.dirname(entry), '..', 'fonts');
    return fs.existsSync(path.join(dir, 'NotoSansHans-Regular.otf')) ? dir : null;
  } catch {
    return null;
  }
}

export interface PdfOptions {
  language: PdfLanguage;
  /** The document's title (its metadata, shown by viewers in the window title). */
  title: string;
  subject?: string;
  /** When the document was made, from the caller's clock: the same input gives the same bytes. */
  createdAt: Date;
  /** `false` leaves content streams uncompressed, for reading them while debugging. */
  compress?: boolean;
}

/** What runs along the top and bottom of every page. */
export interface PageFrame {
  headerLeft: string;
  headerRight: string;
  footerLeft: string;
}

export interface Pdf {
  doc: PDFKit.PDFDocument;
  language: PdfLanguage;
  /** Draws the header and footer (with "page n of N") on every page, ends the document, returns its bytes. */
  finish(frame: PageFrame): Promise<Buffer>;
}

/**
 * An A4 document with the CJK fonts registered and the regular one selected.
 *
 * @example
 * const pdf = createPdf({ language: 'zh-CN', title: '报价单', createdAt: clock.now() });
 * heading(pdf, '费用明细');
 * table(pdf, { columns: [{ header: '项目', width: 'rest' }, { header: '金额', width: 80 }], rows: [['拣货', money('USD', 4200n)]] });
 * const bytes = await pdf.finish({ headerLeft: 'Landed', headerRight: '报价单', footerLeft: 'Q-1' });
 */
export function createPdf(options: PdfOptions): Pdf {
  const set = cjkFonts();
  const doc = new (pdfKit())({
    size: 'A4',
    margins: { ...MARGINS },
    bufferPages: true,
    compress: options.compress ?? true,
    lang: options.language,
    displayTitle: true,
    info: {
      Title: options.title,
      ...(options.subject ? { Subject: options.subject } : {}),
      Author: 'Landed',
      Creator: 'Landed',
      CreationDate: options.createdAt,
    },
  });
  for (const [name, face] of [
    [PDF_FONTS.regular, set.regular],
    [PDF_FONTS.bold, set.bold],
  ] as const) {
    if (face.face) doc.registerFont(name, face.data, face.face);
    else doc.registerFont(name, face.data);
  }
  doc.font(PDF_FONTS.regular).fontSize(9).fillColor(COLOURS.text);

  const chunks: Buffer[] = [];
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  return {
    doc,
    language: options.language,
    finish(frame) {
      drawFrames(doc, options.language, frame);
      doc.end();
      return ended;
    },
  };
}

function drawFrames(doc: PDFKit.PDFDocument, language: PdfLanguage, frame: PageFrame): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height, margins } = doc.page;
    const inner = width - margins.left - margins.right;
    // Text below the bottom margin would make pdfkit open a new page: lift the margin while drawing.
    const bottom = margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(PDF_FONTS.bold).fontSize(10).fillColor(COLOURS.text);
    doc.text(shown(language, frame.headerLeft), margins.left, 26, { width: inner / 2, lineBreak: false });
    doc.font(PDF_FONTS.regular).fontSize(8).fillColor(COLOURS.muted);
    doc.text(shown(language, frame.headerRight), margins.left + inner / 2, 28, { width: inner / 2, align: 'right', lineBreak: false });
    doc
      .moveTo(margins.left, 42)
      .lineTo(width - margins.right, 42)
      .lineWidth(0.5)
      .strokeColor(COLOURS.rule)
      .stroke();
    const footerY = height - 34;
    doc
      .moveTo(margins.left, footerY - 6)
      .lineTo(width - margins.right, footerY - 6)
      .lineWidth(0.5)
      .strokeColor(COLOURS.faint)
      .stroke();
    doc.text(shown(language, frame.footerLeft), margins.left, footerY, { width: inner * 0.7, lineBreak: false });
    doc.text(pageNumber(language, i - range.start + 1, range.count), margins.left + inner * 0.7, footerY, {
      width: inner * 0.3,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** @example pageNumber('en', 2, 5) // 'Page 2 of 5'; pageNumber('zh-CN', 2, 5) // '第 2 页，共 5 页' */
export function pageNumber(language: PdfLanguage, page: number, pages: number): string {
  return language === 'zh-CN' ? `第 ${page} 页，共 ${pages} 页` : `Page ${page} of ${pages}`;
}

/**
 * Text as printed. The CJK font's curly quotes are full-width (the Chinese convention), which
 * leaves a gap inside English words ("provider’ s"): English documents print straight ones.
 *
 * @example shown('en', 'provider’s') // "provider's"
 */
export function shown(language: PdfLanguage, text: string): string {
  return language === 'en' ? text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"') : text;
}

function left(doc: PDFKit.PDFDocument): number {
  return doc.page.margins.left;
}

function innerWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(pdf: Pdf, height: number): void {
  const { doc } = pdf;
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
  doc.x = left(doc);
}

/** A document title: large, bold. */
export function title(pdf: Pdf, raw: string): void {
  const { doc } = pdf;
  const text = shown(pdf.language, raw);
  doc.font(PDF_FONTS.bold).fontSize(18).fillColor(COLOURS.text);
  ensureSpace(pdf, doc.heightOfString(text, { width: innerWidth(doc) }));
  doc.text(text, left(doc), doc.y, { width: innerWidth(doc) });
  doc.moveDown(0.3);
  doc.font(PDF_FONTS.regular).fontSize(9);
}

/** A section heading, kept on the same page as the first lines that follow it. */
export function heading(pdf: Pdf, raw: string): void {
  const { doc } = pdf;
  const text = shown(pdf.language, raw);
  doc.moveDown(0.8);
  doc.font(PDF_FONTS.bold).fontSize(12).fillColor(COLOURS.text);
  ensureSpace(pdf, doc.heightOfString(text, { width: innerWidth(doc) }) + 90);
  doc.text(text, left(doc), doc.y, { width: innerWidth(doc) });
  doc.moveDown(0.3);
  doc.font(PDF_FONTS.regular).fontSize(9);
}

/** A paragraph of running text, muted or in the body colour. */
export function paragraph(pdf: Pdf, raw: string, tone: 'body' | 'muted' = 'body'): void {
  const { doc } = pdf;
  const text = shown(pdf.language, raw);
  doc
    .font(PDF_FONTS.regular)
    .fontSize(8.5)
    .fillColor(tone === 'muted' ? COLOURS.muted : COLOURS.text);
  ensureSpace(pdf, doc.heightOfString(text, { width: innerWidth(doc) }));
  doc.text(text, left(doc), doc.y, { width: innerWidth(doc), lineGap: 1.5 });
  doc.fillColor(COLOURS.text);
}

/**
 * Labels and values in two columns (who, when, which card versions…); a pair never splits
 * across pages.
 */
export function labelValues(pdf: Pdf, pairs: readonly (readonly [string, string])[], labelWidth = 120): void {
  const { doc } = pdf;
  const valueWidth = innerWidth(doc) - labelWidth;
  doc.fontSize(9);
  for (const [rawLabel, rawValue] of pairs) {
    const label = shown(pdf.language, rawLabel);
    const value = shown(pdf.language, rawValue);
    doc.font(PDF_FONTS.regular);
    const height = Math.max(doc.heightOfString(label, { width: labelWidth - 8 }), doc.heightOfString(value, { width: valueWidth }));
    ensureSpace(pdf, height + 3);
    const y = doc.y;
    doc.fillColor(COLOURS.muted).text(label, left(doc), y, { width: labelWidth - 8 });
    doc.fillColor(COLOURS.text).text(value, left(doc) + labelWidth, y, { width: valueWidth });
    doc.y = y + height + 3;
  }
  doc.x = left(doc);
}

/** A boxed notice (sample prices, warnings): a bold title and one bullet per line. */
export function notice(pdf: Pdf, rawHead: string, lines: readonly string[]): void {
  const { doc } = pdf;
  const head = shown(pdf.language, rawHead);
  const pad = 8;
  const width = innerWidth(doc) - pad * 2;
  const bullets = lines.map((l) => `•  ${shown(pdf.language, l)}`);
  doc.font(PDF_FONTS.bold).fontSize(9.5);
  const headHeight = doc.heightOfString(head, { width });
  doc.font(PDF_FONTS.regular).fontSize(8.5);
  const heights = bullets.map((b) => doc.heightOfString(b, { width, lineGap: 1 }) + 2);
  const all = headHeight + 4 + heights.reduce((a, h) => a + h, 0) + pad * 2;
  const usable = bottomLimit(doc) - doc.page.margins.top;
  // A notice longer than a page is drawn unboxed, so it can flow over pages.
  if (all > usable) {
    doc.font(PDF_FONTS.bold).fontSize(9.5);
    ensureSpace(pdf, headHeight + 20);
    doc.text(head, left(doc), doc.y, { width: innerWidth(doc) });
    for (const b of bullets) paragraph(pdf, b);
    return;
  }
  ensureSpace(pdf, all);
  const top = doc.y;
  doc.rect(left(doc), top, innerWidth(doc), all).lineWidth(0.8).fillAndStroke(COLOURS.noticeFill, COLOURS.noticeBorder);
  doc.fillColor(COLOURS.text).font(PDF_FONTS.bold).fontSize(9.5);
  doc.text(head, left(doc) + pad, top + pad, { width });
  let y = top + pad + headHeight + 4;
  doc.font(PDF_FONTS.regular).fontSize(8.5);
  for (const [i, b] of bullets.entries()) {
    doc.text(b, left(doc) + pad, y, { width, lineGap: 1 });
    y += heights[i] as number;
  }
  doc.y = top + all + 4;
  doc.x = left(doc);
}

/** A cell: text, or money — formatted in the document's language and always right-aligned. */
export type TableCell = string | Money;

export interface TableColumn {
  header: string;
  /** Points, or `'rest'` for a share of what the fixed columns leave. */
  width: number | 'rest';
  /** Text cells and the header; money cells are right-aligned whatever this says. Default left. */
  align?: 'left' | 'right';
}

/** A row, or a row set in bold with a rule above it (a total). */
export type TableRow = readonly TableCell[] | { cells: readonly TableCell[]; strong: true };

export interface TableSpec {
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  /** Body font size in points (header the same, bold). Default 8. */
  fontSize?: number;
}

export interface TableResult {
  /** Pages the table touched, its first page included. */
  pages: number;
}

const CELL_PAD_X = 3;
const CELL_PAD_Y = 2.5;
const LINE_GAP = 1;

/**
 * Draws a table at the cursor. A row never splits: when it does not fit, the page breaks and
 * the header row is drawn again at the top of the next page. A row taller than a whole page is
 * cut short with an ellipsis.
 *
 * @example
 * table(pdf, {
 *   columns: [{ header: 'Item', width: 'rest' }, { header: 'Amount', width: 70 }],
 *   rows: [['Picks', money('USD', 4250n)], { cells: ['Total', money('USD', 4250n)], strong: true }],
 * }); // { pages: 1 }
 */
export function table(pdf: Pdf, spec: TableSpec): TableResult {
  const { doc, language } = pdf;
  const size = spec.fontSize ?? 8;
  const widths = columnWidths(spec.columns, innerWidth(doc));
  const x0 = left(doc);
  const header = spec.columns.map((c) => c.header);
  const usable = () => bottomLimit(doc) - doc.page.margins.top;
  let pages = 1;
  let headerHeight = 0;

  const text = (cell: TableCell): string => (typeof cell === 'string' ? shown(language, cell) : formatMoney(cell, language));
  const alignOf = (cell: TableCell, i: number): 'left' | 'right' =>
    typeof cell === 'string' ? (spec.columns[i]?.align ?? 'left') : 'right';
  const measure = (cells: readonly TableCell[], font: string): number => {
    doc.font(font).fontSize(size);
    let tallest = 0;
    for (const [i, cell] of cells.entries()) {
      const h = doc.heightOfString(text(cell) || ' ', { width: (widths[i] as number) - CELL_PAD_X * 2, lineGap: LINE_GAP });
      tallest = Math.max(tallest, h);
    }
    // Under the header of a fresh page there is room for one row of at most this height.
    return Math.min(tallest + CELL_PAD_Y * 2, usable() - headerHeight);
  };
  const draw = (cells: readonly TableCell[], font: string, height: number) => {
    const y = doc.y;
    doc.font(font).fontSize(size).fillColor(COLOURS.text);
    let x = x0;
    for (const [i, cell] of cells.entries()) {
      const w = widths[i] as number;
      doc.text(text(cell), x + CELL_PAD_X, y + CELL_PAD_Y, {
        width: w - CELL_PAD_X * 2,
        // The bottom padding is slack for rounding, so a measured row is never cut short.
        height: height - CELL_PAD_Y,
        align: alignOf(cell, i),
        lineGap: LINE_GAP,
        ellipsis: true,
      });
      x += w;
    }
    doc.y = y + height;
  };
  const rule = (y: number, colour: string, weight: number) => {
    doc
      .moveTo(x0, y)
      .lineTo(x0 + widths.reduce((a, w) => a + w, 0), y)
      .lineWidth(weight)
      .strokeColor(colour)
      .stroke();
  };
  headerHeight = measure(header, PDF_FONTS.bold);
  const drawHeader = () => {
    const y = doc.y;
    doc
      .rect(
        x0,
        y,
        widths.reduce((a, w) => a + w, 0),
        headerHeight,
      )
      .fill(COLOURS.headerFill);
    draw(header, PDF_FONTS.bold, headerHeight);
    rule(doc.y, COLOURS.rule, 0.6);
  };

  const first = spec.rows[0];
  ensureSpace(pdf, headerHeight + (first ? measure(cellsOf(first), fontOf(first)) : 0));
  drawHeader();
  for (const row of spec.rows) {
    const cells = cellsOf(row);
    const font = fontOf(row);
    const height = measure(cells, font);
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage();
      pages += 1;
      doc.x = x0;
      drawHeader();
    }
    if (font === PDF_FONTS.bold) rule(doc.y, COLOURS.rule, 0.8);
    draw(cells, font, height);
    rule(doc.y, COLOURS.faint, 0.4);
  }
  doc.font(PDF_FONTS.regular).fontSize(9).fillColor(COLOURS.text);
  doc.x = x0;
  doc.moveDown(0.5);
  return { pages };
}

function cellsOf(row: TableRow): readonly TableCell[] {
  return 'cells' in row ? row.cells : row;
}

function fontOf(row: TableRow): string {
  return 'cells' in row ? PDF_FONTS.bold : PDF_FONTS.regular;
}

/**
 * Column widths in points: fixed ones as given, the rest share what is left (at least 40 each).
 *
 * @example columnWidths([{ header: 'a', width: 100 }, { header: 'b', width: 'rest' }], 500) // [100, 400]
 */
export function columnWidths(columns: readonly TableColumn[], total: number): number[] {
  const fixed = columns.reduce((a, c) => a + (c.width === 'rest' ? 0 : c.width), 0);
  const flexible = columns.filter((c) => c.width === 'rest').length;
  const share = flexible > 0 ? Math.max(40, (total - fixed) / flexible) : 0;
  return columns.map((c) => (c.width === 'rest' ? share : c.width));
}
