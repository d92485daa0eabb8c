import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Money, money, moneyFromDecimal, sum, toDecimalString } from '../money/index.js';
import type { FeeLine } from '../pricing/fee-line.js';
import { type CustomsEntry, type CustomsError, type CustomsQuote, dutiesFor, type EntryLine } from './duties.js';
import { SAMPLE_CUSTOMS_TABLES } from './sample-tables.js';
import type { CustomsTables, HtsRate } from './tables.js';

const usd = (amount: string): Money => moneyFromDecimal('USD', amount, 'half_up');

/** Tables with only what a test names: no surcharges, real MPF/HMF/de minimis rows. */
function tables(overrides: Partial<CustomsTables> = {}): CustomsTables {
  return { ...SAMPLE_CUSTOMS_TABLES, hts: [], section301: [], temporarySurcharges: [], ...overrides };
}

const hts = (
  id: string,
  htsPrefix: string,
  percent: string,
  effectiveFrom = '2024-01-01',
  effectiveUntil: string | null = null,
): HtsRate => ({
  id,
  htsPrefix,
  rate: { kind: 'ad_valorem', percent },
  effectiveFrom,
  effectiveUntil,
  source: 'test',
  sample: false,
});

const FREE = tables({ hts: [hts('free-9503', '9503', '0')] });

const line = (overrides: Partial<EntryLine> = {}): EntryLine => ({
  hsCode: '9503.00.0090',
  countryOfOrigin: 'CN',
  customsValue: usd('10000'),
  quantity: 100,
  ...overrides,
});

const entry = (overrides: Partial<CustomsEntry> = {}): CustomsEntry => ({
  entryDate: '2026-03-02',
  mode: 'air',
  terms: 'pass_through',
  lines: [line()],
  ...overrides,
});

function quoted(result: ReturnType<typeof dutiesFor>): CustomsQuote {
  if (!result.ok) throw new Error(`expected a quote, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function failed(result: ReturnType<typeof dutiesFor>): CustomsError {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const byRule = (q: CustomsQuote, ruleId: string): FeeLine | undefined => q.lines.find((l) => l.rule.ruleId === ruleId);
const mpfOf = (q: CustomsQuote) => q.lines.find((l) => l.rule.cardCode.endsWith('/mpf'));
const hmfOf = (q: CustomsQuote) => q.lines.find((l) => l.rule.cardCode.endsWith('/hmf'));
const dollars = (l: FeeLine | undefined) => (l ? toDecimalString(l.amount) : null);

describe('MPF (19 CFR 24.23): 0.3464% of entered value within the fiscal year minimum and maximum', () => {
  it('FY2026: $5,000 × 0.3464% = $17.32 → minimum $33.58', () => {
    const q = quoted(dutiesFor(entry({ lines: [line({ customsValue: usd('5000') })] }), FREE));
    const mpf = mpfOf(q);
    expect(q.fiscalYear).toBe(2026);
    expect(mpf).toMatchObject({ module: 'duties', quantity: '1', unit: 'entry', rate: '33.58', preciseAmount: '33.58' });
    expect(mpf?.inputs).toMatchObject({ computedAmount: '17.32', boundApplied: 'minimum', fiscalYear: 2026, tableRowId: 'mpf-fy2026' });
    expect(mpf?.formula.en).toContain('$5,000.00 entered value × 0.3464% = $17.32, below the FY2026 minimum $33.58 → $33.58');
    expect(dollars(mpf)).toBe('33.58');
  });

  it('FY2026: $100,000 × 0.3464% = $346.40 (between the bounds)', () => {
    const mpf = mpfOf(quoted(dutiesFor(entry({ lines: [line({ customsValue: usd('100000') })] }), FREE)));
    expect(mpf).toMatchObject({ quantity: '100000.00', unit: 'usd_value', rate: '0.3464%', preciseAmount: '346.4' });
    expect(dollars(mpf)).toBe('346.40');
  });

  it('FY2026: $250,000 × 0.3464% = $866.00 → maximum $651.50', () => {
    const mpf = mpfOf(quoted(dutiesFor(entry({ lines: [line({ customsValue: usd('250000') })] }), FREE)));
    expect(mpf?.inputs).toMatchObject({ computedAmount: '866', boundApplied: 'maximum' });
    expect(dollars(mpf)).toBe('651.50');
  });

  it('is per entry on the total value: two $3,000 lines → $6,000 × 0.3464% = $20.784 → min $33.58 once', () => {
    const q = quoted(dutiesFor(entry({ lines: [line({ customsValue: usd('3000') }), line({ customsValue: usd('3000') })] }), FREE));
    expect(q.lines.filter((l) => l.rule.cardCode.endsWith('/mpf'))).toHaveLength(1);
    expect(mpfOf(q)?.inputs.computedAmount).toBe('20.784');
    expect(toDecimalString(q.enteredValue)).toBe('6000.00');
  });

  it('fiscal year boundary: 2025-09-30 is FY2025 ($32.71 minimum), 2025-10-01 is FY2026 ($33.58)', () => {
    const small = [line({ customsValue: usd('1000') })];
    const sep30 = quoted(dutiesFor(entry({ entryDate: '2025-09-30', lines: small }), FREE));
    const oct1 = quoted(dutiesFor(entry({ entryDate: '2025-10-01', lines: small }), FREE));
    expect([sep30.fiscalYear, dollars(mpfOf(sep30))]).toEqual([2025, '32.71']);
    expect([oct1.fiscalYear, dollars(mpfOf(oct1))]).toEqual([2026, '33.58']);
    // Maximum too: $250,000 → FY2025 $634.62.
    expect(
      dollars(mpfOf(quoted(dutiesFor(entry({ entryDate: '2025-09-30', lines: [line({ customsValue: usd('250000') })] }), FREE)))),
    ).toBe('634.62');
  });

  it('an entry date in a fiscal year not in the table is a typed error, not a default', () => {
    const e = failed(dutiesFor(entry({ entryDate: '2026-10-01' }), FREE));
    expect(e).toMatchObject({ code: 'mpf_fiscal_year_missing', fiscalYear: 2027 });
    expect(e.message.en).toContain('load the MPF values for FY2027');
    expect(failed(dutiesFor(entry({ entryDate: '2024-09-30' }), FREE))).toMatchObject({
      code: 'mpf_fiscal_year_missing',
      fiscalYear: 2024,
    });
  });
});

describe('HMF (19 CFR 24.24): 0.125% of value, ocean only', () => {
  it('ocean $10,000 × 0.125% = $12.50; air has no HMF line', () => {
    const ocean = quoted(dutiesFor(entry({ mode: 'ocean' }), FREE));
    expect(hmfOf(ocean)).toMatchObject({ quantity: '10000.00', rate: '0.125%', preciseAmount: '12.5' });
    expect(dollars(hmfOf(ocean))).toBe('12.50');
    expect(hmfOf(ocean)?.inputs).toMatchObject({ tableRowId: 'hmf-1991', source: expect.stringContaining('19 CFR 24.24') });
    // Fees: MPF $34.64 + HMF $12.50.
    expect(toDecimalString(ocean.feeTotal)).toBe('47.14');
    expect(hmfOf(quoted(dutiesFor(entry({ mode: 'air' }), FREE)))).toBeUndefined();
  });

  it('has no cap: $1,000,000 × 0.125% = $1,250.00', () => {
    expect(dollars(hmfOf(quoted(dutiesFor(entry({ mode: 'ocean', lines: [line({ customsValue: usd('1000000') })] }), FREE))))).toBe(
      '1250.00',
    );
  });

  it('an ocean entry with no HMF row in force is a typed error', () => {
    expect(failed(dutiesFor(entry({ mode: 'ocean' }), tables({ hts: FREE.hts, hmf: [] })))).toMatchObject({ code: 'hmf_rate_missing' });
  });
});

describe('duty stacking: every rate on the same customs value', () => {
  const stacking = tables({
    hts: [hts('mfn-8518302000', '8518302000', '4.9')],
    section301: [
      {
        id: '301-test',
        list: '3',
        htsPrefix: '85183020',
        percent: '25',
        countries: ['CN'],
        effectiveFrom: '2019-05-10',
        source: 'test',
        sample: false,
      },
    ],
  });

  it('HTS 8518.30.2000: $10,000 × 4.9% = $490.00 MFN + $10,000 × 25% = $2,500.00 Section 301', () => {
    const q = quoted(dutiesFor(entry({ lines: [line({ hsCode: '8518.30.2000', ref: 'SKU-EARBUDS' })] }), stacking));
    const mfn = byRule(q, 'mfn-8518302000');
    const s301 = byRule(q, '301-test');
    expect(mfn).toMatchObject({
      module: 'duties',
      quantity: '10000.00',
      rate: '4.9%',
      preciseAmount: '490',
      sources: [{ kind: 'entry_line', id: 'SKU-EARBUDS' }],
    });
    expect(s301).toMatchObject({ rate: '25%', preciseAmount: '2500' });
    expect([dollars(mfn), dollars(s301)]).toEqual(['490.00', '2500.00']);
    expect(mfn?.formula.en).toBe('$10,000.00 customs value, excluding international freight and insurance × 4.9% = $490.00');
    expect(mfn?.label.en).toContain('8518.30.2000');
    expect(s301?.inputs).toMatchObject({ tableRowId: '301-test', htsPrefix: '85183020', effectiveFrom: '2019-05-10', list: '3' });
    // $490 + $2,500 duty; MPF $10,000 × 0.3464% = $34.64.
    expect(toDecimalString(q.dutyTotal)).toBe('2990.00');
    expect(toDecimalString(q.total)).toBe('3024.64');
  });

  it('Section 301 applies to China origin only', () => {
    const q = quoted(dutiesFor(entry({ lines: [line({ hsCode: '8518302000', countryOfOrigin: 'VN' })] }), stacking));
    expect(byRule(q, '301-test')).toBeUndefined();
    expect(toDecimalString(q.dutyTotal)).toBe('490.00');
  });

  it('with the sample tables on 2026-03-02: MFN 4.9% + List 4A 7.5% + IEEPA 10% + 10% on $10,000', () => {
    const q = quoted(dutiesFor(entry({ lines: [line({ hsCode: '8518.30.2000' })] }), SAMPLE_CUSTOMS_TABLES));
    expect(q.lines.map((l) => [l.rule.ruleId, toDecimalString(l.amount)])).toEqual([
      ['hts-8518302000', '490.00'],
      ['301-4A-85183020', '750.00'],
      ['ieepa-fent-2025-11-10', '1000.00'],
      ['ieepa-recip-2025-05-14', '1000.00'],
      ['mpf-fy2026', '34.64'],
    ]);
    expect(q.warnings.some((w) => w.en.startsWith('Sample rates were used') && w.en.includes('hts-8518302000'))).toBe(true);
  });
});

describe('HTS lookup: longest prefix in force wins', () => {
  const prefixes = tables({
    hts: [hts('p4', '8518', '2'), hts('p6', '851830', '3'), hts('p8', '85183020', '4.9'), hts('p10', '8518302000', '1')],
  });

  it.each([
    ['8518.30.2000', 'p10', '100.00'],
    ['8518.30.2090', 'p8', '490.00'],
    ['8518.30.1000', 'p6', '300.00'],
    ['8518.10.0000', 'p4', '200.00'],
  ])('%s → %s (%s on 10,000 USD)', (hsCode, id, amount) => {
    const q = quoted(dutiesFor(entry({ lines: [line({ hsCode })] }), prefixes));
    expect(q.lines[0]?.rule.ruleId).toBe(id);
    expect(dollars(q.lines[0])).toBe(amount);
  });

  it('a longer prefix not yet in force falls back to the shorter one', () => {
    const t = tables({ hts: [hts('p4', '8518', '2'), hts('p10-later', '8518302000', '1', '2026-06-01')] });
    expect(quoted(dutiesFor(entry({ lines: [line({ hsCode: '8518302000' })] }), t)).lines[0]?.rule.ruleId).toBe('p4');
  });

  it('no row for the heading is a typed error naming the line', () => {
    const e = failed(dutiesFor(entry({ lines: [line({ hsCode: '8518.30.2000' }), line({ hsCode: '8519.81.4100' })] }), prefixes));
    expect(e).toMatchObject({ code: 'hts_rate_missing', lineIndex: 1, hsCode: '8519814100', entryDate: '2026-03-02' });
  });

  it('a 6-digit HS code matches a 6-digit row with a warning, and asks for 10 digits when nothing matches', () => {
    const q = quoted(dutiesFor(entry({ lines: [line({ hsCode: '851830' })] }), prefixes));
    expect(q.lines[0]?.rule.ruleId).toBe('p6');
    expect(q.warnings.some((w) => w.en.includes('10-digit HTSUS'))).toBe(true);
    expect(failed(dutiesFor(entry({ lines: [line({ hsCode: '851830' })] }), SAMPLE_CUSTOMS_TABLES)).message.en).toContain('full 10-digit');
  });

  it('two rows tied for the same goods and date are a conflict, not a silent pick', () => {
    const t = tables({ hts: [hts('a', '9503', '0'), hts('b', '9503', '5')] });
    expect(failed(dutiesFor(entry(), t))).toMatchObject({ code: 'conflicting_rates', table: 'hts', ids: ['a', 'b'] });
  });

  it('a specific rate multiplies the line quantity: 100 pairs × $0.37 = $37.00', () => {
    const t = tables({ hts: [{ ...hts('spec', '6402', '0'), rate: { kind: 'specific', amountPerUnit: '0.37', unit: 'pair' } }] });
    const q = quoted(dutiesFor(entry({ lines: [line({ hsCode: '6402.99.1000', quantity: 100 })] }), t));
    expect(q.lines[0]).toMatchObject({ quantity: '100', unit: 'pair', rate: '0.37', preciseAmount: '37' });
  });
});

describe('dated changes', () => {
  const dated = tables({
    hts: [hts('free', '9503', '0')],
    temporarySurcharges: [
      {
        id: 'new-2025-04-10',
        measure: 'm',
        label: { en: 'test surcharge', zh: '测试' },
        countries: ['CN'],
        htsPrefix: '',
        percent: '10',
        effectiveFrom: '2025-04-10',
        source: 'test',
        sample: false,
      },
    ],
  });

  it('a rate effective 2025-04-10 applies on 2025-04-10 but not on 2025-04-09', () => {
    expect(byRule(quoted(dutiesFor(entry({ entryDate: '2025-04-10' }), dated)), 'new-2025-04-10')).toBeDefined();
    expect(byRule(quoted(dutiesFor(entry({ entryDate: '2025-04-09' }), dated)), 'new-2025-04-10')).toBeUndefined();
  });

  it('sample reciprocal surcharge: 84% on 2025-04-09, 125% on 2025-04-10, 10% from 2025-05-14', () => {
    const at = (entryDate: string) =>
      quoted(dutiesFor(entry({ entryDate, lines: [line({ hsCode: '9503.00.0090' })] }), SAMPLE_CUSTOMS_TABLES)).lines.find(
        (l) => l.inputs.measure === 'ieepa_reciprocal_cn',
      );
    expect(at('2025-04-09')).toMatchObject({ rate: '84%', rule: { ruleId: 'ieepa-recip-2025-04-09' } });
    expect(at('2025-04-10')).toMatchObject({ rate: '125%', rule: { ruleId: 'ieepa-recip-2025-04-10' } });
    expect(at('2025-05-13')?.rate).toBe('125%');
    expect(at('2025-05-14')?.rate).toBe('10%');
    expect(at('2025-04-04')).toBeUndefined();
    expect(at('2025-04-10')?.inputs).toMatchObject({ effectiveFrom: '2025-04-10', effectiveUntil: '2025-05-13', sample: true });
  });

  it('sample Section 301 four-year review: lithium-ion batteries 7.5% through 2025-12-31, 25% from 2026-01-01', () => {
    const s301 = (entryDate: string) =>
      quoted(dutiesFor(entry({ entryDate, lines: [line({ hsCode: '8507.60.0020' })] }), SAMPLE_CUSTOMS_TABLES)).lines.find((l) =>
        l.rule.cardCode.endsWith('/section301'),
      );
    expect(s301('2025-12-31')?.rate).toBe('7.5%');
    expect(s301('2026-01-01')?.rate).toBe('25%');
  });

  it('an exemption is a longer prefix at 0%: laptops pay the fentanyl surcharge but not the reciprocal one', () => {
    const q = quoted(dutiesFor(entry({ entryDate: '2025-06-02', lines: [line({ hsCode: '8471.30.0100' })] }), SAMPLE_CUSTOMS_TABLES));
    expect(q.lines.map((l) => [l.rule.ruleId, l.rate])).toEqual([
      ['hts-84713001', '0%'],
      ['ieepa-fent-2025-03-04', '20%'],
      ['ieepa-recip-exempt-8471', '0%'],
      ['mpf-fy2025', '0.3464%'],
    ]);
  });
});

describe('warnings', () => {
  it('missing HS code: warned, quote incomplete, its value still counts for MPF', () => {
    const q = quoted(
      dutiesFor(
        entry({ lines: [line({ customsValue: usd('2000') }), line({ hsCode: null, ref: 'SKU-X', customsValue: usd('8000') })] }),
        FREE,
      ),
    );
    expect(q.complete).toBe(false);
    expect(q.warnings.some((w) => w.en.includes('Line 2 (SKU-X): HS code missing'))).toBe(true);
    expect(q.lines.filter((l) => l.inputs.lineIndex === 1)).toEqual([]);
    expect(mpfOf(q)?.inputs.enteredValue).toBe('10000.00');
  });

  it('declared value below the floor and below the SKU’s recorded value', () => {
    const q = quoted(
      dutiesFor(
        entry({
          lines: [line({ customsValue: usd('150'), quantity: 100, valueFloorPerUnit: usd('2.00'), skuDeclaredValuePerUnit: usd('1.80') })],
        }),
        FREE,
      ),
    );
    expect(q.warnings.some((w) => w.en.includes('below the value floor 100 × $2.00 = $200.00'))).toBe(true);
    expect(
      q.warnings.some((w) => w.en.includes('recorded declared value 100 × $1.80 = $180.00') && w.en.includes('seller bears the risk')),
    ).toBe(true);
    const fine = quoted(
      dutiesFor(entry({ lines: [line({ customsValue: usd('200'), quantity: 100, valueFloorPerUnit: usd('2.00') })] }), FREE),
    );
    expect(fine.warnings.some((w) => w.en.includes('value floor'))).toBe(false);
  });

  it('de minimis: unavailable for CN from 2025-05-02, for all origins from 2025-08-29 (CBP)', () => {
    const small = (entryDate: string, countryOfOrigin: string) =>
      quoted(dutiesFor(entry({ entryDate, lines: [line({ countryOfOrigin, customsValue: usd('500') })] }), FREE));
    const cnBefore = small('2025-05-01', 'CN');
    expect(cnBefore.deMinimis).toEqual([expect.objectContaining({ country: 'CN', available: true, ruleId: 'de-minimis-2016-03-10' })]);
    expect(cnBefore.warnings.some((w) => w.en.includes('may apply'))).toBe(true);
    const cnAfter = small('2025-05-02', 'CN');
    expect(cnAfter.deMinimis[0]).toMatchObject({ available: false, ruleId: 'de-minimis-cn-hk-2025-05-02' });
    expect(cnAfter.warnings.some((w) => w.en.includes('unavailable for CN-origin goods since 2025-05-02'))).toBe(true);
    expect(small('2025-08-28', 'VN').deMinimis[0]?.available).toBe(true);
    expect(small('2025-08-29', 'VN').deMinimis[0]).toMatchObject({ available: false, ruleId: 'de-minimis-all-2025-08-29' });
    expect(small('2025-08-29', 'CN').deMinimis[0]).toMatchObject({ available: false, ruleId: 'de-minimis-all-2025-08-29' });
    // No rule at all → unavailable, said so.
    const none = quoted(dutiesFor(entry({ lines: [line({ customsValue: usd('500') })] }), tables({ hts: FREE.hts, deMinimis: [] })));
    expect(none.deMinimis[0]).toMatchObject({ available: false, ruleId: null });
    expect(none.warnings.some((w) => w.en.includes('treated as unavailable'))).toBe(true);
  });

  it('DDP still needs an importer of record; small entries note the informal-entry MPF', () => {
    const q = quoted(dutiesFor(entry({ terms: 'DDP', lines: [line({ customsValue: usd('1200') })] }), FREE));
    expect(q.warnings.some((w) => w.en.includes('importer of record') && w.zh.includes('进口商'))).toBe(true);
    expect(q.warnings.some((w) => w.en.includes('informal entry'))).toBe(true);
    expect(quoted(dutiesFor(entry(), FREE)).warnings).toEqual([]);
  });
});

describe('invalid entries', () => {
  it('returns every problem at once', () => {
    const e = failed(
      dutiesFor(
        entry({
          entryDate: '2026-02-30',
          lines: [line({ hsCode: '85.18', countryOfOrigin: 'cn', customsValue: money('CNY', 100n), quantity: -1 })],
        }),
        FREE,
      ),
    );
    expect(e.code).toBe('invalid_entry');
    expect(e.code === 'invalid_entry' && e.problems).toHaveLength(5);
    expect(failed(dutiesFor(entry({ lines: [] }), FREE)).code).toBe('invalid_entry');
  });
});

const HS_CODES = [
  '8518.30.2000',
  '6109.10.0012',
  '8507.60.0020',
  '8507.60.0010',
  '3926.90.9985',
  '9403.20.0090',
  '9503.00.0090',
  '8471.30.0100',
  null,
];
const DAY = 86_400_000;
const arbDate = fc.integer({ min: 0, max: 637 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * DAY).toISOString().slice(0, 10)); // 2025-01-01 … 2026-09-30
const arbLine: fc.Arbitrary<EntryLine> = fc.record({
  hsCode: fc.constantFrom(...HS_CODES),
  countryOfOrigin: fc.constantFrom('CN', 'HK', 'VN', 'US'),
  customsValue: fc.bigInt({ min: 0n, max: 50_000_000n }).map((c) => money('USD', c)),
  quantity: fc.integer({ min: 1, max: 5000 }),
});
const arbEntry: fc.Arbitrary<CustomsEntry> = fc.record({
  entryDate: arbDate,
  mode: fc.constantFrom('air' as const, 'ocean' as const),
  terms: fc.constantFrom('DDP' as const, 'pass_through' as const),
  lines: fc.array(arbLine, { minLength: 1, maxLength: 6 }),
});

describe('dutiesFor: properties (sample tables, 2025-01-01 … 2026-09-30)', () => {
  it('duties and fees are never negative; each line recomputes; total = Σ rounded lines', () => {
    fc.assert(
      fc.property(arbEntry, (e) => {
        const q = quoted(dutiesFor(e, SAMPLE_CUSTOMS_TABLES));
        for (const l of q.lines) {
          expect(l.amount.minor >= 0n).toBe(true);
          const rate = l.rate.endsWith('%') ? new Decimal(l.rate.slice(0, -1)).div(100) : new Decimal(l.rate);
          expect(new Decimal(l.quantity).times(rate).equals(l.preciseAmount)).toBe(true);
          expect(l.amount).toEqual(moneyFromDecimal('USD', l.preciseAmount, l.rounding));
        }
        expect(q.total).toEqual(
          sum(
            'USD',
            q.lines.map((l) => l.amount),
          ),
        );
        expect(q.total.minor).toBe(q.dutyTotal.minor + q.feeTotal.minor);
      }),
    );
  });

  it('adding a line never lowers the total', () => {
    fc.assert(
      fc.property(arbEntry, arbLine, (e, extra) => {
        const before = quoted(dutiesFor(e, SAMPLE_CUSTOMS_TABLES)).total.minor;
        const after = quoted(dutiesFor({ ...e, lines: [...e.lines, extra] }, SAMPLE_CUSTOMS_TABLES)).total.minor;
        expect(after >= before).toBe(true);
      }),
    );
  });

  it('same input → identical output', () => {
    fc.assert(
      fc.property(arbEntry, (e) => {
        expect(dutiesFor(e, SAMPLE_CUSTOMS_TABLES)).toEqual(dutiesFor(structuredClone(e), SAMPLE_CUSTOMS_TABLES));
      }),
    );
  });
});
