import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money/index.js';
import { samplePlan, sampleStandardCard } from '../rate-cards/sample-standard-card.js';
import { claimCoverage, coverageTerms, DEFAULT_LIABILITY_CAP_PER_UNIT } from './coverage.js';

const standard = { code: 'US-STANDARD', version: 1, document: sampleStandardCard() };

describe('coverageTerms', () => {
  it('is not insured on the standard card alone, with the default cap', () => {
    expect(coverageTerms(standard, null)).toEqual({
      insured: false,
      capPerUnit: DEFAULT_LIABILITY_CAP_PER_UNIT,
      source: 'US-STANDARD v1 (default cap)',
    });
  });

  it('takes the plan’s cap over the card’s, and insurance from a plan that carries the insurance rule', () => {
    const card = { ...standard, document: { ...standard.document, liabilityCapPerUnit: '10.00' } };
    expect(coverageTerms(card, null)).toMatchObject({ insured: false, capPerUnit: '10.00', source: 'US-STANDARD v1' });
    const capped = { code: 'P', version: 2, document: { ...samplePlan(), liabilityCapPerUnit: '3.00' } };
    expect(coverageTerms(card, capped)).toMatchObject({ insured: false, capPerUnit: '3.00', source: 'P v2' });
    const insured = {
      code: 'P',
      version: 3,
      document: {
        ...samplePlan(),
        overrides: [
          { ruleId: 'insurance.declared_value', model: { kind: 'percentage' as const, percent: '1.2', base: 'declared_value' as const } },
        ],
      },
    };
    expect(coverageTerms(card, insured)).toMatchObject({ insured: true, source: 'P v3' });
  });
});

describe('claimCoverage', () => {
  it('caps each unit without insurance: 3 × lesser of $40.00 and $25.00 = $75.00', () => {
    const c = claimCoverage(
      { units: 3, declaredValue: money('USD', 4000n) },
      { insured: false, capPerUnit: '25.00', source: 'US-STANDARD v1' },
      'USD',
    );
    expect(c.ok && c.value.covered).toEqual(money('USD', 7500n));
    expect(c.ok && c.value.formula.en).toBe(
      'Not insured (US-STANDARD v1): 3 units × lesser of $40.00 declared value and the $25.00 per-unit liability cap = $75.00',
    );
    expect(c.ok && c.value.formula.zh).toContain('未投保');
  });

  it('pays the full declared value when insured: 3 × $40.00 = $120.00', () => {
    const c = claimCoverage(
      { units: 3, declaredValue: money('USD', 4000n) },
      { insured: true, capPerUnit: '25.00', source: 'P v1' },
      'USD',
    );
    expect(c.ok && c.value.covered).toEqual(money('USD', 12000n));
    expect(c.ok && c.value.basis).toBe('insured_declared_value');
  });

  it('refuses a declared value in another currency than the card’s', () => {
    const c = claimCoverage({ units: 1, declaredValue: money('CNY', 100n) }, { insured: true, capPerUnit: '25', source: 'x' }, 'USD');
    expect(!c.ok && c.error.code).toBe('currency_mismatch');
  });

  it('never covers more than the declared value, and insured covers exactly units × declared (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.integer({ min: 0, max: 100_000 }),
        (units, declared, capCents) => {
          const cap = (capCents / 100).toFixed(2);
          const terms = { insured: false, capPerUnit: cap, source: 't' };
          const capped = claimCoverage({ units, declaredValue: money('USD', declared) }, terms, 'USD');
          const insured = claimCoverage({ units, declaredValue: money('USD', declared) }, { ...terms, insured: true }, 'USD');
          if (!capped.ok || !insured.ok) return false;
          const lesser = declared < BigInt(capCents) ? declared : BigInt(capCents);
          return capped.value.covered.minor === BigInt(units) * lesser && insured.value.covered.minor === BigInt(units) * declared;
        },
      ),
    );
  });
});
