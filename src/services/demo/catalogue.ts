/**
 * Demo catalogues: realistic products of the sellers this trade serves (apparel, home goods,
 * small electronics with batteries, pet supplies), generated deterministically from product
 * lines × variants, with valid UPC check digits and plausible HS codes and declared values.
 */
import type { SkuDraft } from '../../domain/catalog/sku.js';

interface ProductLine {
  code: string;
  en: string;
  zh: string;
  /** L × W × H in cm, unit weight in g, declared value in USD. */
  size: [number, number, number];
  grams: number;
  value: string;
  hs: string;
  flags?: string[];
  variants: { code: string; en: string; zh: string }[][];
}

const COLOURS = [
  { code: 'BLK', en: 'black', zh: '黑色' },
  { code: 'WHT', en: 'white', zh: '白色' },
  { code: 'GRY', en: 'heather grey', zh: '麻灰' },
  { code: 'NVY', en: 'navy', zh: '藏青' },
];
const SIZES = ['S', 'M', 'L', 'XL'].map((s) => ({ code: s, en: s, zh: s }));
const PET_SIZES = ['S', 'M', 'L'].map((s) => ({ code: s, en: `size ${s}`, zh: `${s}码` }));
const PLAIN = [{ code: '', en: '', zh: '' }];

export const DEMO_CATALOGUES: Record<'apparel' | 'home_pet' | 'electronics', ProductLine[]> = {
  apparel: [
    {
      code: 'TEE',
      en: 'Cotton crew-neck T-shirt',
      zh: '纯棉圆领T恤',
      size: [30, 25, 3],
      grams: 180,
      value: '3.20',
      hs: '6109.10.0012',
      variants: [COLOURS, SIZES],
    },
    {
      code: 'HOOD',
      en: 'Fleece pullover hoodie',
      zh: '抓绒套头卫衣',
      size: [35, 30, 6],
      grams: 520,
      value: '7.80',
      hs: '6110.30.3053',
      variants: [COLOURS, SIZES],
    },
    {
      code: 'LEG',
      en: 'High-waist yoga leggings',
      zh: '高腰瑜伽裤',
      size: [28, 22, 3],
      grams: 230,
      value: '4.10',
      hs: '6104.63.2006',
      variants: [COLOURS.slice(0, 3), SIZES],
    },
    {
      code: 'DRS',
      en: 'Floral chiffon midi dress',
      zh: '碎花雪纺中长裙',
      size: [32, 26, 4],
      grams: 260,
      value: '6.50',
      hs: '6204.44.4010',
      variants: [
        [
          { code: 'RED', en: 'red', zh: '红色' },
          { code: 'BLU', en: 'blue', zh: '蓝色' },
        ],
        SIZES,
      ],
    },
    {
      code: 'CAP',
      en: 'Embroidered baseball cap',
      zh: '刺绣棒球帽',
      size: [25, 18, 12],
      grams: 110,
      value: '2.30',
      hs: '6505.00.2060',
      flags: ['fragile'],
      variants: [COLOURS],
    },
    {
      code: 'SOCK',
      en: 'Crew socks, 5 pairs',
      zh: '中筒袜 5双装',
      size: [22, 15, 5],
      grams: 250,
      value: '2.60',
      hs: '6115.95.9000',
      variants: [COLOURS.slice(0, 2), SIZES.slice(1, 3)],
    },
  ],
  home_pet: [
    {
      code: 'MUG',
      en: 'Ceramic coffee mug 350 ml',
      zh: '陶瓷马克杯 350ml',
      size: [12, 9, 10],
      grams: 380,
      value: '1.90',
      hs: '6912.00.4810',
      flags: ['fragile'],
      variants: [
        COLOURS,
        [
          { code: '350', en: '350 ml', zh: '350ml' },
          { code: '450', en: '450 ml', zh: '450ml' },
        ],
      ],
    },
    {
      code: 'TOWEL',
      en: 'Cotton bath towel set',
      zh: '纯棉浴巾套装',
      size: [35, 25, 10],
      grams: 900,
      value: '6.20',
      hs: '6302.60.0020',
      variants: [
        COLOURS,
        [
          { code: '3PC', en: 'set of 3', zh: '3件套' },
          { code: '6PC', en: 'set of 6', zh: '6件套' },
        ],
      ],
    },
    {
      code: 'LAMP',
      en: 'LED desk lamp with USB charging',
      zh: 'LED台灯（USB充电）',
      size: [40, 18, 12],
      grams: 850,
      value: '9.50',
      hs: '9405.21.6000',
      flags: ['battery'],
      variants: [
        [
          { code: 'WHT', en: 'white', zh: '白色' },
          { code: 'BLK', en: 'black', zh: '黑色' },
        ],
      ],
    },
    {
      code: 'BOX',
      en: 'Stackable storage box 20 L',
      zh: '可叠加收纳箱 20L',
      size: [42, 30, 25],
      grams: 1200,
      value: '4.40',
      hs: '3924.90.5650',
      variants: [
        [
          { code: 'CLR', en: 'clear', zh: '透明' },
          { code: 'GRY', en: 'grey', zh: '灰色' },
        ],
      ],
    },
    {
      code: 'CANDLE',
      en: 'Soy scented candle',
      zh: '大豆香薰蜡烛',
      size: [10, 10, 11],
      grams: 420,
      value: '2.80',
      hs: '3406.00.0000',
      flags: ['fragile'],
      variants: [
        [
          { code: 'LAV', en: 'lavender', zh: '薰衣草' },
          { code: 'VAN', en: 'vanilla', zh: '香草' },
          { code: 'CIT', en: 'citrus', zh: '柑橘' },
        ],
      ],
    },
    {
      code: 'OIL',
      en: 'Aroma diffuser oil 100 ml',
      zh: '香薰精油 100ml',
      size: [6, 6, 14],
      grams: 160,
      value: '1.50',
      hs: '3307.49.0000',
      flags: ['liquid', 'fragile'],
      variants: [
        [
          { code: 'LAV', en: 'lavender', zh: '薰衣草' },
          { code: 'EUC', en: 'eucalyptus', zh: '桉树' },
        ],
      ],
    },
    {
      code: 'LEASH',
      en: 'Reflective nylon dog leash',
      zh: '反光尼龙狗绳',
      size: [20, 15, 4],
      grams: 150,
      value: '1.70',
      hs: '4201.00.6000',
      variants: [COLOURS.slice(0, 4), PET_SIZES],
    },
    {
      code: 'HARN',
      en: 'No-pull dog harness',
      zh: '防暴冲狗胸背带',
      size: [25, 20, 5],
      grams: 210,
      value: '3.10',
      hs: '4201.00.6000',
      variants: [COLOURS.slice(0, 3), PET_SIZES],
    },
    {
      code: 'BED',
      en: 'Calming round pet bed 60 cm',
      zh: '安抚圆形宠物窝 60cm',
      size: [60, 60, 18],
      grams: 1400,
      value: '8.90',
      hs: '6307.90.9891',
      variants: [COLOURS.slice(1, 4), PET_SIZES],
    },
    {
      code: 'TREAT',
      en: 'Freeze-dried chicken dog treats 200 g',
      zh: '冻干鸡肉狗零食 200g',
      size: [20, 14, 6],
      grams: 230,
      value: '3.60',
      hs: '2309.10.0090',
      flags: ['fda_regulated'],
      variants: [PLAIN],
    },
    {
      code: 'LITTER',
      en: 'Tofu cat litter 6 L',
      zh: '豆腐猫砂 6L',
      size: [35, 22, 10],
      grams: 2500,
      value: '2.90',
      hs: '2309.90.1050',
      flags: ['powder'],
      variants: [
        [
          { code: 'ORG', en: 'original', zh: '原味' },
          { code: 'GRN', en: 'green tea', zh: '绿茶味' },
        ],
      ],
    },
  ],
  electronics: [
    {
      code: 'EARBUD',
      en: 'Wireless earbuds with charging case',
      zh: '无线蓝牙耳机（带充电仓）',
      size: [10, 8, 4],
      grams: 95,
      value: '8.50',
      hs: '8518.30.2000',
      flags: ['battery'],
      variants: [
        [
          { code: 'STD', en: 'standard', zh: '标准版' },
          { code: 'PRO', en: 'Pro (ANC)', zh: 'Pro降噪版' },
        ],
        [
          { code: 'BLK', en: 'black', zh: '黑色' },
          { code: 'WHT', en: 'white', zh: '白色' },
          { code: 'PNK', en: 'pink', zh: '粉色' },
        ],
      ],
    },
    {
      code: 'PB',
      en: 'Power bank',
      zh: '充电宝',
      size: [15, 8, 3],
      grams: 230,
      value: '7.20',
      hs: '8507.60.0020',
      flags: ['battery'],
      variants: [
        [
          { code: '10K', en: '10,000 mAh', zh: '10000mAh' },
          { code: '20K', en: '20,000 mAh', zh: '20000mAh' },
        ],
        [
          { code: 'BLK', en: 'black', zh: '黑色' },
          { code: 'WHT', en: 'white', zh: '白色' },
        ],
      ],
    },
    {
      code: 'CHG',
      en: 'USB-C fast charger 20 W',
      zh: 'USB-C快充充电器 20W',
      size: [8, 6, 4],
      grams: 70,
      value: '2.40',
      hs: '8504.40.9580',
      variants: [[{ code: 'US', en: 'US plug', zh: '美规' }]],
    },
    {
      code: 'CABLE',
      en: 'Braided USB-C cable',
      zh: '编织USB-C数据线',
      size: [12, 10, 2],
      grams: 45,
      value: '0.90',
      hs: '8544.42.9090',
      variants: [
        [
          { code: '05M', en: '0.5 m', zh: '0.5米' },
          { code: '1M', en: '1 m', zh: '1米' },
          { code: '2M', en: '2 m', zh: '2米' },
        ],
        [
          { code: 'BLK', en: 'black', zh: '黑色' },
          { code: 'WHT', en: 'white', zh: '白色' },
        ],
      ],
    },
    {
      code: 'RINGL',
      en: 'Selfie ring light with tripod',
      zh: '自拍补光灯（带三脚架）',
      size: [30, 12, 8],
      grams: 640,
      value: '6.80',
      hs: '9405.42.8440',
      flags: ['battery'],
      variants: [
        [
          { code: '10IN', en: '10 inch', zh: '10寸' },
          { code: '12IN', en: '12 inch', zh: '12寸' },
        ],
      ],
    },
    {
      code: 'MOUNT',
      en: 'Magnetic phone car mount',
      zh: '磁吸车载手机支架',
      size: [9, 7, 5],
      grams: 85,
      value: '1.60',
      hs: '8708.29.5160',
      flags: ['magnetic'],
      variants: [
        [
          { code: 'VENT', en: 'vent clip', zh: '出风口' },
          { code: 'DASH', en: 'dashboard', zh: '中控台' },
        ],
      ],
    },
    {
      code: 'WATCH',
      en: 'Fitness smart watch',
      zh: '运动智能手表',
      size: [11, 8, 6],
      grams: 120,
      value: '11.00',
      hs: '8517.62.0090',
      flags: ['battery'],
      variants: [
        [
          { code: 'BLK', en: 'black', zh: '黑色' },
          { code: 'SLV', en: 'silver', zh: '银色' },
          { code: 'RSG', en: 'rose gold', zh: '玫瑰金' },
        ],
      ],
    },
    {
      code: 'SPK',
      en: 'Portable Bluetooth speaker',
      zh: '便携蓝牙音箱',
      size: [18, 8, 8],
      grams: 480,
      value: '9.90',
      hs: '8518.22.0000',
      flags: ['battery'],
      variants: [
        [
          { code: 'BLK', en: 'black', zh: '黑色' },
          { code: 'BLU', en: 'blue', zh: '蓝色' },
          { code: 'RED', en: 'red', zh: '红色' },
          { code: 'GRN', en: 'green', zh: '绿色' },
        ],
      ],
    },
    {
      code: 'CASE',
      en: 'Silicone phone case',
      zh: '硅胶手机壳',
      size: [17, 9, 2],
      grams: 40,
      value: '1.20',
      hs: '3926.90.9990',
      variants: [
        [
          { code: 'IP15', en: 'iPhone 15', zh: 'iPhone 15' },
          { code: 'IP15P', en: 'iPhone 15 Pro', zh: 'iPhone 15 Pro' },
          { code: 'IP16', en: 'iPhone 16', zh: 'iPhone 16' },
          { code: 'IP16P', en: 'iPhone 16 Pro', zh: 'iPhone 16 Pro' },
        ],
        COLOURS,
      ],
    },
    {
      code: 'KB',
      en: 'Mechanical keyboard 68 keys',
      zh: '68键机械键盘',
      size: [34, 13, 5],
      grams: 720,
      value: '14.50',
      hs: '8471.60.2000',
      variants: [
        [
          { code: 'RED', en: 'red switches', zh: '红轴' },
          { code: 'BRN', en: 'brown switches', zh: '茶轴' },
          { code: 'BLU', en: 'blue switches', zh: '青轴' },
        ],
        [
          { code: 'WHT', en: 'white', zh: '白色' },
          { code: 'GRY', en: 'grey', zh: '灰色' },
        ],
      ],
    },
  ],
};

/**
 * Every variant of every product line as a SKU draft. `upcBase` gives each seller its own
 * barcode range so barcodes never collide across accounts.
 *
 * @example demoSkus(DEMO_CATALOGUES.apparel, 'TL', 84012300000).length // 95
 */
export function demoSkus(lines: ProductLine[], prefix: string, upcBase: number): SkuDraft[] {
  const drafts: SkuDraft[] = [];
  let serial = 0;
  for (const line of lines) {
    for (const combo of cartesian(line.variants)) {
      serial += 1;
      const suffix = combo.map((v) => v.code).filter(Boolean);
      const en = [line.en, ...combo.map((v) => v.en).filter(Boolean)].join(', ');
      const zh = [line.zh, ...combo.map((v) => v.zh).filter(Boolean)].join(' ');
      const upc = withCheckDigit(String(upcBase + serial).padStart(11, '0'));
      drafts.push({
        sellerSku: [prefix, line.code, ...suffix].join('-'),
        titleEn: en,
        titleZh: zh,
        length: String(line.size[0]),
        width: String(line.size[1]),
        height: String(line.size[2]),
        dimensionUnit: 'cm',
        weight: String(line.grams + (serial % 5) * 5),
        weightUnit: 'g',
        hsCode: line.hs,
        declaredValue: line.value,
        declaredCurrency: 'USD',
        countryOfOrigin: 'CN',
        flags: line.flags ?? [],
        upc,
        fnsku: `X00${prefix.slice(0, 2)}${String(serial).padStart(5, '0')}`.slice(0, 10),
        msku: null,
      });
    }
  }
  return drafts;
}

function cartesian<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])), [[]]);
}

/** UPC-A check digit over 11 digits. */
export function withCheckDigit(eleven: string): string {
  const digits = eleven.split('').map(Number);
  const total = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return eleven + String((10 - (total % 10)) % 10);
}
