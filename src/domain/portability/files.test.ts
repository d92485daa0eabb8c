import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type ColumnInfo, insertOrder, jsonValue, parentFirst, tableCsv, tableJson } from './files.js';

const columns: ColumnInfo[] = [
  { name: 'id', type: 'uuid', nullable: false },
  { name: 'amount_minor', type: 'bigint', nullable: false },
  { name: 'rate', type: 'numeric(18,8)', nullable: true },
  { name: 'active', type: 'boolean', nullable: false },
  { name: 'note', type: 'text', nullable: true },
  { name: 'doc', type: 'jsonb', nullable: true },
];

describe('export files', () => {
  it('writes money as the database wrote it: integer minor units beyond 2^53 stay exact', () => {
    const json = tableJson(columns, [['a', '9007199254740993', '0.10000000', 't', null, '{"k": [1, 2]}']]);
    expect(json).toBe('[\n{"id":"a","amount_minor":9007199254740993,"rate":0.10000000,"active":true,"note":null,"doc":{"k": [1, 2]}}\n]\n');
    expect(jsonValue('NaN', 'number')).toBe('"NaN"');
    expect(tableJson(columns, [])).toBe('[]\n');
  });

  it('keeps NULL and the empty string apart in CSV', () => {
    const csv = tableCsv(columns, [['a', '1', null, 'f', '', null]]);
    expect(csv).toBe('id,amount_minor,rate,active,note,doc\na,1,,false,"",\n');
  });

  it('CSV and JSON give back every text value (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), text), { maxLength: 20 }), (rows) => {
        const cols: ColumnInfo[] = [
          { name: 'a', type: 'text', nullable: false },
          { name: 'b', type: 'bigint', nullable: false },
          { name: 'c', type: 'text', nullable: false },
        ];
        const values = rows.map(([a, b, c]) => [a, b.toString(), c]);
        const parsed = Papa.parse<string[]>(tableCsv(cols, values).replace(/\n$/, ''), { header: false }).data;
        expect(parsed.slice(1)).toEqual(rows.length === 0 ? [] : values);
        // Numbers as written (JSON.parse would round those beyond 2^53): quoted before parsing.
        const json = JSON.parse(tableJson(cols, values).replace(/,"b":(-?\d+),"c":/g, ',"b":"$1","c":')) as Record<string, string>[];
        expect(json.map((r) => [r.a, String(r.b), r.c])).toEqual(values);
      }),
    );
  });

  it('orders tables after the tables they reference, whatever the input order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 30 }),
        fc.shuffledSubarray([...Array(10).keys()]),
        (pairs, shuffle) => {
          const tables = Array.from({ length: 10 }, (_, i) => `t${i}`);
          // Only edges from a higher to a lower number: no cycle.
          const references = pairs.filter(([a, b]) => a > b).map(([a, b]) => ({ from: `t${a}`, to: `t${b}` }));
          const order = insertOrder([...shuffle.map((i) => `t${i}`), ...tables.filter((_, i) => !shuffle.includes(i))], references);
          expect([...order].sort()).toEqual([...tables].sort());
          for (const r of references) expect(order.indexOf(r.to)).toBeLessThan(order.indexOf(r.from));
        },
      ),
    );
    expect(() =>
      insertOrder(
        ['a', 'b'],
        [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      ),
    ).toThrow(/cycle/);
  });

  it('puts a row after the row of the same table it references (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(19), { nil: null }), { minLength: 1, maxLength: 20 }), (parentOf) => {
        // Row i may point at a row with a lower index only (no cycle), given in reverse order.
        const keys = parentOf.map((_, i) => `r${i}`);
        const parents = parentOf.map((p, i) => [p !== null && p < i ? `r${p}` : null]);
        const reversed = [...keys.keys()].reverse();
        const order = parentFirst(
          reversed.map((i) => keys[i] as string),
          reversed.map((i) => parents[i] as (string | null)[]),
        ).map((j) => reversed[j] as number);
        expect([...order].sort((a, b) => a - b)).toEqual([...keys.keys()]);
        for (const [i, [p]] of parents.entries()) if (p) expect(order.indexOf(Number(p.slice(1)))).toBeLessThan(order.indexOf(i));
      }),
    );
  });
});
