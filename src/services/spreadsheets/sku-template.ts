/** The SKU import template, in English or Chinese headers, as .xlsx (with instructions) or .csv. */
import { excelJs } from '../lazy-modules.js';
import Papa from 'papaparse';
import { SKU_SHEET_COLUMNS } from '../../domain/catalog/sku-sheet.js';

export type TemplateLanguage = 'en' | 'zh';

export async function skuTemplate(format: 'xlsx' | 'csv', lang: TemplateLanguage): Promise<Buffer> {
  const headers = SKU_SHEET_COLUMNS.map((c) => (lang === 'zh' ? c.zh : c.en));
  const example = SKU_SHEET_COLUMNS.map((c) => c.example);
  if (format === 'csv') {
    // A BOM makes Excel open UTF-8 Chinese headers correctly.
    return Buffer.from(`\ufeff${Papa.unparse([headers, example])}\r\n`, 'utf8');
  }
  const workbook = new (excelJs().Workbook)();
  workbook.creator = 'Landed';
  const sheet = workbook.addWorksheet(lang === 'zh' ? 'SKU' : 'SKUs');
  sheet.addRow(headers);
  sheet.addRow(example);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  SKU_SHEET_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, (lang === 'zh' ? c.zh : c.en).length + 4);
    // Text format keeps leading zeros of UPCs and HS codes.
    if (['upc', 'hsCode', 'sellerSku', 'fnsku', 'msku'].includes(c.field)) column.numFmt = '@';
  });
  const help = workbook.addWorksheet(lang === 'zh' ? '填写说明' : 'Instructions');
  help.addRow(lang === 'zh' ? ['列', '必填', '说明', '示例'] : ['Column', 'Required', 'What to enter', 'Example']);
  help.getRow(1).font = { bold: true };
  for (const c of SKU_SHEET_COLUMNS) {
    help.addRow([
      lang === 'zh' ? c.zh : c.en,
      c.required ? (lang === 'zh' ? '是' : 'yes') : '',
      lang === 'zh' ? c.helpZh : c.helpEn,
      c.example,
    ]);
  }
  help.getColumn(1).width = 20;
  help.getColumn(3).width = 60;
  help.getColumn(4).width = 20;
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}
