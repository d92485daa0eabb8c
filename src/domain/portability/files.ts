/**
 * The files of an account export (docs/exit-and-portability.md): one table as CSV and as
 * JSON, written from PostgreSQL's own text form of each value so that money (integer minor
 * units), decimals and times travel exactly, and an export of the same rows is byte-identical.
 * Pure: no I/O.
 */

/** How a column's text is written in JSON: as a number, a boolean, raw JSON or a string. */
export type JsonKind = 'number' | 'boolean' | 'json' | 'string';

export interface ColumnInfo {
  name: string;
  /** PostgreSQL type as format_type() writes it, e.g. "bigint", "numeric(12,3)". */
  type: string;
  nullable: boolean;
}

/** @example jsonKind('numeric(12,3)') // 'number' */
export function jsonKind(type: string): JsonKind {
  if (/^(smallint|integer|bigint|numeric|real|double precision)/.test(type)) return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'json' || type === 'jsonb') return 'json';
  return 'string';
}

/** A value as PostgreSQL's text output (null for SQL NULL), written as JSON. */
export function jsonValue(text: string | null, kind: JsonKind): string {
  if (text === null) return 'null';
  switch (kind) {
    case 'number':
      // NaN and infinities are not JSON numbers: kept as strings, read back by the same cast.
      return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? text : JSON.stringify(text);
    case 'boolean':
      return text === 't' || text === 'true' ? 'true' : 'false';
    case 'json':
      return text;
    default:
      return JSON.stringify(text);
  }
}

/** One table as a JSON array of objects, columns in table order, one row per line. */
export function tableJson(columns: ColumnInfo[], rows: (string | null)[][]): string {
  const kinds = columns.map((c) => jsonKind(c.type));
  const names = columns.map((c) => JSON.stringify(c.name));
  const lines = rows.map((row) => `{${row.map((v, i) => `${names[i]}:${jsonValue(v, kinds[i] as JsonKind)}`).join(',')}}`);
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

/**
 * RFC 4180 CSV with a header row; NULL is an empty field, an empty string is "" (quoted), so
 * the two stay apart. Booleans as true/false, everything else as PostgreSQL writes it.
 */
export function tableCsv(columns: ColumnInfo[], rows: (string | null)[][]): string {
  const kinds = columns.map((c) => jsonKind(c.type));
  const field = (v: string | null, kind: JsonKind): string => {
    if (v === null) return '';
    const text = kind === 'boolean' ? (v === 't' || v === 'true' ? 'true' : 'false') : v;
    return text === '' || /[",\r\n]/.test(text) || text.trim() !== text ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const header = columns.map((c) => field(c.name, 'string')).join(',');
  const body = rows.map((row) => row.map((v, i) => field(v, kinds[i] as JsonKind)).join(','));
  return `${[header, ...body].join('\n')}\n`;
}

/**
 * Orders tables so every table comes after the tables it references (self references
 * aside); throws on a cycle, which an import could not satisfy.
 * @example insertOrder(['b', 'a'], [{ from: 'b', to: 'a' }]) // ['a', 'b']
 */
export function insertOrder(tables: string[], references: { from: string; to: string }[]): string[] {
  const set = new Set(tables);
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of references) if (r.from !== r.to && set.has(r.from) && set.has(r.to)) deps.get(r.from)?.add(r.to);
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string, path: string[]) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new Error(`tables reference each other in a cycle: ${[...path, t].join(' → ')}`);
    state.set(t, 'visiting');
    for (const d of [...(deps.get(t) ?? [])].sort()) visit(d, [...path, t]);
    state.set(t, 'done');
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return ordered;
}

/**
 * Orders a table's rows so a row referencing another row of the same table (a split return
 * line, a credit note's invoice) comes after it. `parents[i]` are row i's referenced keys.
 */
export function parentFirst(keys: string[], parents: (string | null)[][]): number[] {
  const index = new Map(keys.map((k, i) => [k, i]));
  const done = new Set<number>();
  const order: number[] = [];
  const visit = (i: number, depth: number) => {
    if (done.has(i) || depth > keys.length) return;
    for (const p of parents[i] ?? []) {
      const j = p === null ? undefined : index.get(p);
      if (j !== undefined && j !== i) visit(j, depth + 1);
    }
    if (!done.has(i)) {
      done.add(i);
      order.push(i);
    }
  };
  for (let i = 0; i < keys.length; i++) visit(i, 0);
  return order;
}
