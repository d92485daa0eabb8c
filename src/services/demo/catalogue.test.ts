import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGtin, validateSku } from '../../domain/catalog/sku.js';
import { DEMO_CATALOGUES, demoSkus, withCheckDigit } from './catalogue.js';

// Same catalogue, prefix and barcode range per demo seller as seed-demo.ts (not exported there).
const DEMO_SELLERS = [
  { catalogue: 'apparel', prefix: 'TL', upcBase: 84_012_300_000 },
  { catalogue: 'home_pet', prefix: 'HM', upcBase: 84_012_310_000 },
  { catalogue: 'electronics', prefix: 'VB', upcBase: 84_012_320_000 },
] as const;

const catalogues = DEMO_SELLERS.map((s) => ({ ...s, drafts: demoSkus(DEMO_CATALOGUES[s.catalogue], s.prefix, s.upcBase) }));

describe('demo catalogues', () => {
  it('covers every catalogue', () => {
    expect(DEMO_SELLERS.map((s) => s.catalogue).sort()).toEqual(Object.keys(DEMO_CATALOGUES).sort());
  });

  it.each(catalogues)('$catalogue has between 50 and 200 SKUs', ({ drafts }) => {
    expect(drafts.length).toBeGreaterThanOrEqual(50);
    expect(drafts.length).toBeLessThanOrEqual(200);
  });

  it.each(catalogues)('$catalogue: every SKU passes the same validation as an import', ({ drafts }) => {
    const failures = drafts.flatMap((draft) => {
      const result = validateSku(draft);
      return result.ok ? [] : [{ sellerSku: draft.sellerSku, errors: result.errors }];
    });
    expect(failures).toEqual([]);
  });

  it.each(catalogues)('$catalogue: seller SKUs are unique (ignoring case) and carry the seller prefix', ({ drafts, prefix }) => {
    const skus = drafts.map((d) => d.sellerSku.toLowerCase());
    expect(new Set(skus).size).toBe(skus.length);
    for (const d of drafts) expect(d.sellerSku.startsWith(`${prefix}-`), d.sellerSku).toBe(true);
  });

  it.each(catalogues)('$catalogue: FNSKUs are unique', ({ drafts }) => {
    const fnskus = drafts.map((d) => d.fnsku);
    expect(new Set(fnskus).size).toBe(fnskus.length);
  });

  it('gives every SKU a valid UPC, unique across all three sellers', () => {
    const upcs = catalogues.flatMap((c) => c.drafts.map((d) => d.upc));
    for (const upc of upcs) expect(isGtin(upc ?? ''), String(upc)).toBe(true);
    expect(new Set(upcs).size).toBe(upcs.length);
  });

  it('includes battery goods in electronics', () => {
    const electronics = catalogues.find((c) => c.catalogue === 'electronics')?.drafts ?? [];
    const battery = electronics.filter((d) => validateSku(d).ok && d.flags?.includes('battery'));
    expect(battery.length).toBeGreaterThan(0);
    expect(battery.map((d) => d.sellerSku)).toContain('VB-PB-10K-BLK');
  });

  it('is deterministic', () => {
    expect(demoSkus(DEMO_CATALOGUES.apparel, 'TL', 84_012_300_000)).toEqual(catalogues[0]?.drafts);
  });

  it('has bilingual titles on every SKU', () => {
    for (const { drafts } of catalogues) {
      for (const d of drafts) {
        expect(d.titleEn, d.sellerSku).toBeTruthy();
        expect(d.titleZh, d.sellerSku).toBeTruthy();
      }
    }
  });
});

describe('withCheckDigit', () => {
  it('completes the well-known UPC-A 03600029145 → 036000291452', () => {
    expect(withCheckDigit('03600029145')).toBe('036000291452');
    expect(withCheckDigit('01234567890')).toBe('012345678905');
  });

  it('always produces a valid 12-digit GTIN that keeps the 11 digits given', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 11 }), (eleven) => {
        const upc = withCheckDigit(eleven);
        expect(upc).toHaveLength(12);
        expect(upc.startsWith(eleven)).toBe(true);
        expect(isGtin(upc)).toBe(true);
      }),
    );
  });

  it('the check digit is the only one that makes a valid GTIN', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (eleven, shift) => {
          const upc = withCheckDigit(eleven);
          const wrong = eleven + String((Number(upc.charAt(11)) + shift) % 10);
          expect(isGtin(wrong)).toBe(false);
        },
      ),
    );
  });
});
