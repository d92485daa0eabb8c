import { describe, expect, it } from 'vitest';
import { diffDocuments } from './diff.js';
import { isIsoDate, versionInEffect } from './versions.js';

describe('versionInEffect', () => {
  const versions = [
    { version: 1, effectiveFrom: '2026-01-01' },
    { version: 2, effectiveFrom: '2026-07-01' },
    { version: 3, effectiveFrom: '2026-12-01' }, // planned ahead
    { version: 4, effectiveFrom: '2026-07-01' }, // a correction for July, issued later
  ];
  it('picks the highest version whose date has come', () => {
    expect(versionInEffect(versions, '2025-12-31')).toBeUndefined();
    expect(versionInEffect(versions, '2026-01-01')?.version).toBe(1);
    expect(versionInEffect(versions, '2026-06-30')?.version).toBe(1);
    expect(versionInEffect(versions, '2026-07-01')?.version).toBe(4);
    expect(versionInEffect(versions, '2026-11-30')?.version).toBe(4);
    expect(versionInEffect(versions, '2026-12-01')?.version).toBe(4);
  });
  it('lets a later-numbered version planned ahead take over on its date', () => {
    const planned = [...versions.slice(0, 2), { version: 3, effectiveFrom: '2026-12-01' }];
    expect(versionInEffect(planned, '2026-12-01')?.version).toBe(3);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });
});

describe('diffDocuments', () => {
  it('names changed rates by rule id, ignoring reordering', () => {
    const before = {
      currency: 'USD',
      rules: [
        { id: 'pick', rate: '0.25' },
        { id: 'order', rate: '1.20' },
      ],
    };
    const after = {
      currency: 'USD',
      rules: [
        { id: 'order', rate: '1.20' },
        { id: 'pick', rate: '0.30' },
        { id: 'label', rate: '0.10' },
      ],
    };
    expect(diffDocuments(before, after)).toEqual([
      { kind: 'changed', path: 'rules[pick].rate', before: '0.25', after: '0.30' },
      { kind: 'added', path: 'rules[label]', after: { id: 'label', rate: '0.10' } },
    ]);
  });
  it('reports removed keys and changed scalar arrays whole', () => {
    expect(diffDocuments({ a: 1, zones: [1, 2] }, { zones: [1, 3] })).toEqual([
      { kind: 'removed', path: 'a', before: 1 },
      { kind: 'changed', path: 'zones', before: [1, 2], after: [1, 3] },
    ]);
  });
  it('keys plan overrides by rule id', () => {
    const before = { overrides: [{ ruleId: 'handling.order', model: { kind: 'per_unit', rate: '1.00' } }] };
    const after = { overrides: [{ ruleId: 'handling.order', model: { kind: 'per_unit', rate: '0.90' } }] };
    expect(diffDocuments(before, after)).toEqual([
      { kind: 'changed', path: 'overrides[handling.order].model.rate', before: '1.00', after: '0.90' },
    ]);
  });

  it('finds nothing between equal documents', () => {
    const doc = { rules: [{ id: 'x', tiers: [{ upTo: '10', rate: '1' }] }] };
    expect(diffDocuments(doc, structuredClone(doc))).toEqual([]);
  });
});
