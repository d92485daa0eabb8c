/** The carton sheet template (装箱单), English or Chinese headers, .xlsx (with instructions) or .csv. */
import { excelJs } from '../lazy-modules.js';
import Papa from 'papaparse';

const HEADERS = {
  en: [
    'Carton no',
    'SKU',
    'Qty per carton',
    'Cartons',
    'Length (cm)',
    'Width (cm)',
    'Height (cm)',
    'Weight (kg)',
    'Declared value',
    'Currency',
  ],
  zh: ['箱号', 'SKU', '每箱数量', '箱数', '长(cm)', '宽(cm)', '高(cm)', '毛重(kg)', '申报价值', '币种'],
};

const EXAMPLES = [
  ['1', 'TL-TEE-BLK-M', '24', '10', '60', '40', '40', '12.5', '', ''],
  ['2', 'TL-TEE-BLK-L', '12', '1', '50', '40', '30', '8', '3.50', 'USD'],
  ['2', 'TL-TEE-WHT-L', '12', '', '', '', '', '', '', ''],
];

const HELP = {
  en: [
    ['Carton no', 'Rows with the same carton no are one mixed carton; leave empty for single-SKU cartons.'],
    ['SKU', 'Your seller SKU, already in the catalogue.'],
    ['Qty per carton', 'Units of this SKU in each carton, a whole number.'],
    ['Cartons', 'How many identical cartons (default 1). Mixed cartons: on the first row only.'],
    ['Length / Width / Height', 'Carton outside size in cm; write "(mm)" or "(in)" in the header for other units.'],
    ['Weight', 'Gross weight of one carton in kg; "(g)" or "(lb)" in the header for other units.'],
    ['Declared value / Currency', "Optional per-unit customs value for this shipment; empty uses the SKU's recorded value."],
  ],
  zh: [
    ['箱号', '箱号相同的多行为同一个混装箱；单品箱可留空。'],
    ['SKU', '您的卖家 SKU，须已在商品目录中。'],
    ['每箱数量', '每箱中该 SKU 的件数，整数。'],
    ['箱数', '相同箱子的数量（默认 1）。混装箱只在第一行填写。'],
    ['长 / 宽 / 高', '外箱尺寸，单位 cm；如用 mm 或 in，请在表头写明，如「长(mm)」。'],
    ['毛重', '单箱毛重，单位 kg；如用 g 或 lb，请在表头写明。'],
    ['申报价值 / 币种', '可选：本次发货的单件申报价值；留空则使用 SKU 记录的申报价值。'],
  ],
};

/** @example await cartonTemplate('xlsx', 'zh') // Buffer of a workbook with 装箱单 and 填写说明 sheets */
export async function cartonTemplate(format: 'xlsx' | 'csv', lang: 'en' | 'zh'): Promise<Buffer> {
  const headers = HEADERS[lang];
  if (format === 'csv') return Buffer.from(`\ufeff${Papa.unparse([headers, ...EXAMPLES])}\r\n`, 'utf8');
  const workbook = new (excelJs().Workbook)();
  workbook.creator = 'Landed';
  const sheet = workbook.addWorksheet(lang === 'zh' ? '装箱单' : 'Cartons');
  sheet.addRow(headers);
  for (const row of EXAMPLES) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  headers.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, h.length + 4);
  });
  sheet.getColumn(2).numFmt = '@';
  const help = workbook.addWorksheet(lang === 'zh' ? '填写说明' : 'Instructions');
  for (const row of HELP[lang]) help.addRow(row);
  help.getColumn(1).width = 26;
  help.getColumn(2).width = 90;
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
