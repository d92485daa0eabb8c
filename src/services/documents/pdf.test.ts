import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/helpers/pdf-text.js';
import { money } from '../../domain/money/index.js';
import { columnWidths, createPdf, heading, pageNumber, shown, table } from './pdf.js';

const createdAt = new Date('2026-11-25T08:00:00Z');
const frame = { headerLeft: 'Landed', headerRight: 'Test', footerLeft: 'Footer' };

describe('table', () => {
  it('breaks pages between rows, repeats the header row on every page, and right-aligns money', async () => {
    const pdf = createPdf({ language: 'en', title: 'Table test', createdAt });
    heading(pdf, 'Lines');
    const rows = Array.from({ length: 150 }, (_, i) => [
      `ROW-${String(i).padStart(3, '0')}`,
      i % 10 === 0 ? 'A longer description that wraps over more than one line in this narrow column, to vary row heights.' : 'Short',
      money('USD', BigInt(i * 125)),
    ]);
    // Record where every cell lands: page, y and alignment.
    const drawn: { text: string; page: number; y: number; align?: string }[] = [];
    const text = pdf.doc.text.bind(pdf.doc);
    let page = 0;
    pdf.doc.on('pageAdded', () => {
      page += 1;
    });
    pdf.doc.text = ((value: string, x?: number, y?: number, options?: PDFKit.Mixins.TextOptions) => {
      drawn.push({ text: value, page, y: y ?? 0, align: options?.align });
      return text(value, x, y, options);
    }) as typeof pdf.doc.text;

    const result = table(pdf, {
      columns: [
        { header: 'Reference', width: 90 },
        { header: 'Description', width: 'rest' },
        { header: 'Amount', width: 80, align: 'right' },
      ],
      rows: [...rows, { cells: ['', 'Total', money('USD', 1_396_875n)], strong: true }],
    });

    const pages = page + 1;
    expect(result.pages).toBe(pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    // The header row opens every page the table is on, before any row of that page.
    for (let p = 0; p < pages; p++) {
      const onPage = drawn.filter((d) => d.page === p);
      expect(onPage[0]?.text, `page ${p + 1}`).toBe('Reference');
      expect(onPage.filter((d) => d.text === 'Reference')).toHaveLength(1);
    }
    // Every row is drawn once, in order, whole on one page and inside the bottom margin.
    const bottom = pdf.doc.page.height - pdf.doc.page.margins.bottom;
    const refs = drawn.filter((d) => d.text.startsWith('ROW-'));
    expect(refs.map((d) => d.text)).toEqual(rows.map((r) => r[0]));
    for (const ref of refs) expect(ref.y).toBeLessThan(bottom);
    const amounts = drawn.filter((d) => d.text.startsWith('$'));
    expect(amounts).toHaveLength(151);
    expect(amounts.every((d) => d.align === 'right')).toBe(true);
    expect(amounts.at(-1)?.text).toBe('$13,968.75');

    const bytes = await pdf.finish(frame);
    const read = readPdf(bytes);
    expect(read.pages).toHaveLength(pages);
    for (const [i, content] of read.pages.entries()) {
      expect(content).toContain('Reference');
      expect(content).toContain(`Page ${i + 1} of ${pages}`);
    }
  });

  it('cuts a row taller than a page short instead of spilling onto a page of its own', async () => {
    const pdf = createPdf({ language: 'en', title: 'Tall row', createdAt });
    const result = table(pdf, {
      columns: [{ header: 'Text', width: 'rest' }],
      rows: [['word '.repeat(8000)], ['after']],
    });
    // Page 1: the header and the tall row, cut to fit; page 2: the header again and the next row.
    expect(result.pages).toBe(2);
    const read = readPdf(await pdf.finish(frame));
    expect(read.pages).toHaveLength(2);
    expect(read.pages[0]).toContain('…');
    expect(read.pages[1]).toContain('after');
  });
});

describe('fonts and frames', () => {
  it('embeds the CJK font and numbers the pages in Chinese', async () => {
    const pdf = createPdf({ language: 'zh-CN', title: '测试 文档', createdAt });
    table(pdf, {
      columns: [
        { header: '项目', width: 'rest' },
        { header: '金额', width: 80, align: 'right' },
      ],
      rows: [['拣货', money('USD', 4250n)]],
    });
    const read = readPdf(await pdf.finish(frame));
    expect(read.fonts.some((f) => /NotoSansHans|WenQuanYi/.test(f))).toBe(true);
    expect(read.info.Title).toBe('测试 文档');
    expect(read.pages[0]).toContain('拣货');
    expect(read.pages[0]).toContain('US$42.50');
    expect(read.pages[0]).toContain('第 1 页，共 1 页');
  });

  it('gives the same bytes for the same content and date', async () => {
    const make = async () => {
      const pdf = createPdf({ language: 'en', title: 'Same', createdAt });
      table(pdf, { columns: [{ header: 'A', width: 'rest' }], rows: [['one'], ['two']] });
      return pdf.finish(frame);
    };
    expect((await make()).equals(await make())).toBe(true);
  });

  it('helpers', () => {
    expect(
      columnWidths(
        [
          { header: 'a', width: 100 },
          { header: 'b', width: 'rest' },
          { header: 'c', width: 'rest' },
        ],
        500,
      ),
    ).toEqual([100, 200, 200]);
    expect(pageNumber('en', 2, 5)).toBe('Page 2 of 5');
    expect(pageNumber('zh-CN', 2, 5)).toBe('第 2 页，共 5 页');
    expect(shown('en', 'provider’s “sample”')).toBe('provider\'s "sample"');
    expect(shown('zh-CN', '“示例”')).toBe('“示例”');
  });
});
