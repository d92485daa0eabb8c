/**
 * The catalog side of an account export and import (docs/exit-and-portability.md): which
 * tables hold an account's rows (every table with an `account_id` column, found in the
 * catalog, so a new module's tables travel without code), their columns and keys, the
 * references between them, and reading / writing rows in PostgreSQL's text form.
 */
import { sql } from 'drizzle-orm';
import type { ColumnInfo } from '../../domain/portability/files.js';
import { type Executor, selectRows } from '../connect.js';

export interface TableColumn extends ColumnInfo {
  /** GENERATED ALWAYS AS IDENTITY: written with OVERRIDING SYSTEM VALUE, its sequence moved on. */
  identity: boolean;
  /** A generated (computed) column: exported, never written. */
  generated: boolean;
}

export interface TableInfo {
  name: string;
  columns: TableColumn[];
  primaryKey: string[];
  hasAccountId: boolean;
  /** Single-column foreign keys (the only kind the schema has). */
  references: { column: string; table: string; refColumn: string }[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every ordinary table of the schema with its columns, primary key and references. */
export async function describeTables(tx: Executor): Promise<Map<string, TableInfo>> {
  const columns = await selectRows<{ table: string; name: string; type: string; notnull: boolean; identity: string; generated: string }>(
    tx,
    sql`SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
               a.attidentity AS identity, a.attgenerated AS generated
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY c.relname, a.attnum`,
  );
  const keys = await selectRows<{ table: string; columns: string[] | string }>(
    tx,
    sql`SELECT c.relname AS table, array_agg(a.attname ORDER BY k.ord) AS columns
          FROM pg_index i
          JOIN pg_class c ON c.oid = i.indrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
         WHERE n.nspname = current_schema() AND i.indisprimary
         GROUP BY c.relname`,
  );
  const refs = await selectRows<{ table: string; column: string; ref_table: string; ref_column: string }>(
    tx,
    sql`SELECT c.relname AS table, a.attname AS column, rc.relname AS ref_table, ra.attname AS ref_column
          FROM pg_constraint f
          JOIN pg_class c ON c.oid = f.conrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_class rc ON rc.oid = f.confrelid
          JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]
          JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = f.confkey[1]
         WHERE n.nspname = current_schema() AND f.contype = 'f' AND array_length(f.conkey, 1) = 1
         ORDER BY c.relname, a.attname`,
  );
  const tables = new Map<string, TableInfo>();
  for (const col of columns) {
    let table = tables.get(col.table);
    if (!table) {
      table = { name: col.table, columns: [], primaryKey: [], hasAccountId: false, references: [] };
      tables.set(col.table, table);
    }
    table.columns.push({
      name: col.name,
      type: col.type,
      nullable: !col.notnull,
      identity: col.identity !== '',
      generated: col.generated !== '',
    });
    if (col.name === 'account_id') table.hasAccountId = true;
  }
  for (const key of keys) {
    const table = tables.get(key.table);
    if (table) table.primaryKey = pgArray(key.columns);
  }
  for (const ref of refs) tables.get(ref.table)?.references.push({ column: ref.column, table: ref.ref_table, refColumn: ref.ref_column });
  return tables;
}

/** node-postgres parses name[] into an array; PGlite may hand back the literal. */
function pgArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

/** Fixed text output for the export's transaction: UTC, ISO dates, hex bytea, exact floats. */
export async function useExportTextFormat(tx: Executor): Promise<void> {
  await tx.execute(
    sql`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true), set_config('IntervalStyle', 'iso_8601', true),
               set_config('bytea_output', 'hex', true), set_config('extra_float_digits', '3', true)`,
  );
}

/**
 * Rows of a table in its key order, every value as text (null for NULL).
 * `where` is `{ column, values }`: rows whose column (as text) is one of the values.
 */
export async function readRows(tx: Executor, table: TableInfo, where: { column: string; values: string[] }): Promise<(string | null)[][]> {
  if (where.values.length === 0) return [];
  const select = table.columns.map((c, i) => `${ident(c.name)}::text AS c${i}`).join(', ');
  const order = (table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((c) => c.name)).map(ident).join(', ');
  const rows = await selectRows<Record<string, string | null>>(
    tx,
    sql`SELECT ${sql.raw(select)} FROM ${sql.raw(ident(table.name))} WHERE ${sql.raw(ident(where.column))}::text IN (SELECT jsonb_array_elements_text(${JSON.stringify(where.values)}::jsonb)) ORDER BY ${sql.raw(order)}`,
  );
  return rows.map((r) => table.columns.map((_, i) => r[`c${i}`] ?? null));
}

/** The names of the migrations applied to this database, in order: the export's schema version. */
export async function appliedMigrations(tx: Executor): Promise<string[]> {
  const rows = await selectRows<{ name: string }>(tx, sql`SELECT name FROM landed_migrations ORDER BY name`);
  return rows.map((r) => r.name);
}

/**
 * Inserts rows given as JSON objects (the export's own JSON), casting each value from text to
 * its column's type. Identity columns keep their values. `onConflictDoNothing` for shared
 * records the installation may already hold (same key).
 */
export async function insertRows(
  tx: Executor,
  table: TableInfo,
  rows: Record<string, unknown>[],
  options: { onConflictDoNothing: boolean },
): Promise<void> {
  const columns = table.columns.filter((c) => !c.generated);
  const overriding = columns.some((c) => c.identity) ? 'OVERRIDING SYSTEM VALUE' : '';
  const values = columns
    .map((c) =>
      c.type === 'json' || c.type === 'jsonb'
        ? `CASE WHEN jsonb_typeof(r -> ${literal(c.name)}) = 'null' THEN NULL ELSE (r -> ${literal(c.name)})::${c.type} END`
        : `(r ->> ${literal(c.name)})::${c.type}`,
    )
    .join(', ');
  const conflict = options.onConflictDoNothing ? 'ON CONFLICT DO NOTHING' : '';
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = JSON.stringify(rows.slice(i, i + 1000));
    await tx.execute(
      sql`INSERT INTO ${sql.raw(ident(table.name))} (${sql.raw(columns.map((c) => ident(c.name)).join(', '))}) ${sql.raw(overriding)}
          SELECT ${sql.raw(values)} FROM jsonb_array_elements(${chunk}::jsonb) AS r ${sql.raw(conflict)}`,
    );
  }
  for (const c of table.columns.filter((col) => col.identity)) {
    await tx.execute(
      sql`SELECT setval(s, greatest(m, coalesce(pg_sequence_last_value(s::regclass), 0)))
            FROM (SELECT pg_get_serial_sequence(${table.name}, ${c.name}) AS s, max(${sql.raw(ident(c.name))}) AS m FROM ${sql.raw(ident(table.name))}) t
           WHERE m IS NOT NULL`,
    );
  }
}

/** Turns the table's own triggers off (audit, ledger application, immutability) for the import's transaction, or back on. */
export async function setUserTriggers(tx: Executor, tables: string[], enabled: boolean): Promise<void> {
  for (const t of tables) await tx.execute(sql.raw(`ALTER TABLE ${ident(t)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER USER`));
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Moves the gap-free document sequences past the imported numbers (ASN-2026-000042 → asn/2026 next 43). */
export async function advanceNumberSequence(tx: Executor, kind: string, scope: string, lastUsed: number): Promise<void> {
  await tx.execute(
    sql`INSERT INTO number_sequences AS s (kind, scope, next_value) VALUES (${kind}, ${scope}, ${lastUsed + 1})
        ON CONFLICT (kind, scope) DO UPDATE SET next_value = greatest(s.next_value, EXCLUDED.next_value)`,
  );
}
