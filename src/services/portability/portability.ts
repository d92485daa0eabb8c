/**
 * Exit and portability (docs/exit-and-portability.md): every record of one account as CSV and
 * JSON in one zip, with schema.json / SCHEMA.md and a manifest of row counts and SHA-256 per
 * file; and the import of such a zip into a fresh installation, all or nothing.
 *
 * Account tables are found in the catalog (every table with an `account_id` column), so a new
 * module's tables travel without code here. Rows of other tables that account rows point at
 * (the warehouses it used, the staff who received its goods, the standard card under its
 * plan…) travel in shared/, and only from the tables listed in SHARED_TABLES: a reference to
 * any other table stops the export with a message naming it, so it is decided, not forgotten.
 */
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  advanceNumberSequence,
  appliedMigrations,
  describeTables,
  insertRows,
  readRows,
  setUserTriggers,
  type TableInfo,
  useExportTextFormat,
} from '../../db/repositories/account-export.js';
import { recordAudit } from '../../db/repositories/audit-log.js';
import { sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../../db/connect.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { insertOrder, parentFirst, tableCsv, tableJson } from '../../domain/portability/files.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import { type Actor, type ServiceDeps, scopeActor } from '../context.js';

export const EXPORT_FORMAT = 'landed-account-export';
export const EXPORT_FORMAT_VERSION = 1;

/** Tables without account_id whose rows travel when account rows reference them. */
export const SHARED_TABLES: Record<string, string> = {
  warehouses: 'Warehouses the account used (stock, inbound, returns, transfers).',
  locations: 'Warehouse locations that held the account’s stock.',
  users: 'Provider staff who acted on the account’s records (received, approved, finalized…).',
  rate_cards: 'The standard rate card under the account’s plan.',
  rate_card_versions: 'Every version of those standard cards (the prices its quotes and bills used).',
  billing_runs: 'Billing runs over all accounts that wrote the account’s invoices.',
};

/** Tables with account_id that do not travel: the audit chain belongs to the installation. */
export const EXCLUDED_TABLES = new Set(['audit_log', 'audit_pending']);

/** Secrets never leave: the columns are left out and an import fills an unusable value. */
export const REDACTED_COLUMNS: Record<string, Record<string, string | null>> = {
  users: { password_hash: '!imported: set a new password' },
  api_keys: { secret_hash: '!imported: create a new key' },
  quotes: { share_token_hash: null },
};

/** Gap-free document series whose counters an import moves past the imported numbers. */
const NUMBER_SERIES: Record<string, string> = {
  ASN: 'asn',
  RMA: 'rma',
  WO: 'wo',
  EXIT: 'exit',
  TRF: 'transfer',
  CC: 'cycle_count',
  DSP: 'dispute',
  CLM: 'claim',
};

export interface ManifestFile {
  path: string;
  table: string | null;
  scope: 'account' | 'shared' | null;
  rows: number | null;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: string;
  format_version: number;
  /** The migrations applied to the exporting database: an import needs the same list. */
  schema_version: { last_migration: string; migrations_sha256: string; migrations: string[] };
  account: { id: string; code: string; name: string };
  exported_at: string;
  files: ManifestFile[];
}

export interface ExportResult {
  zip: Uint8Array;
  manifest: Manifest;
  fileName: string;
}

export interface ImportReport {
  account: { id: string; code: string };
  tables: { table: string; scope: 'account' | 'shared'; rows: number }[];
  rows: number;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

type Rows = (string | null)[][];

export function createPortabilityService(deps: ServiceDeps) {
  const { database, clock } = deps;

  async function exportAccount(actor: Actor, codeOrId: string): Promise<Result<ExportResult, AppError>> {
    const out = await database.db.transaction(
      async (tx) => {
        await useExportTextFormat(tx);
        const [account] = await readAccount(tx, codeOrId);
        if (!account || (actor.accountId && actor.accountId !== account.id)) return err(appError('not_found', 'Account not found.'));
        const tables = await describeTables(tx);
        const migrations = await appliedMigrations(tx);
        const collected = await collect(tx, tables, account.id);
        if (!collected.ok) return collected;
        const files: Record<string, Uint8Array> = {};
        const entries: ManifestFile[] = [];
        const schemaTables: unknown[] = [];
        const add = (path: string, content: string, meta: Omit<ManifestFile, 'path' | 'bytes' | 'sha256'>) => {
          const bytes = strToU8(content);
          files[path] = bytes;
          entries.push({ path, ...meta, bytes: bytes.length, sha256: sha256(bytes) });
        };
        for (const [scope, sets] of [
          ['account', collected.value.account],
          ['shared', collected.value.shared],
        ] as const) {
          for (const [name, rows] of [...sets.entries()].sort(([a], [b]) => a.localeCompare(b))) {
            const table = tables.get(name) as TableInfo;
            const { columns, values } = visible(table, rows);
            const folder = scope === 'account' ? 'data' : 'shared';
            add(`${folder}/${name}.json`, tableJson(columns, values), { table: name, scope, rows: values.length });
            add(`${folder}/${name}.csv`, tableCsv(columns, values), { table: name, scope, rows: values.length });
            schemaTables.push({
              table: name,
              scope,
              files: [`${folder}/${name}.json`, `${folder}/${name}.csv`],
              rows: values.length,
              primary_key: table.primaryKey,
              columns: columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })),
              redacted_columns: Object.keys(REDACTED_COLUMNS[name] ?? {}),
              references: table.references.map((r) => ({ column: r.column, table: r.table, column_referenced: r.refColumn })),
              ...(scope === 'shared' ? { why: SHARED_TABLES[name] } : {}),
            });
          }
        }
        const schemaVersion = {
          last_migration: migrations[migrations.length - 1] ?? '',
          migrations_sha256: sha256(migrations.join('\n')),
          migrations,
        };
        add(
          'schema.json',
          `${JSON.stringify({ format: EXPORT_FORMAT, format_version: EXPORT_FORMAT_VERSION, schema_version: schemaVersion, tables: schemaTables }, null, 2)}\n`,
          {
            table: null,
            scope: null,
            rows: null,
          },
        );
        add('SCHEMA.md', schemaMarkdown(account.code, schemaTables as SchemaTable[]), { table: null, scope: null, rows: null });
        const manifest: Manifest = {
          format: EXPORT_FORMAT,
          format_version: EXPORT_FORMAT_VERSION,
          schema_version: schemaVersion,
          account: { id: account.id, code: account.code, name: account.name },
          exported_at: clock.now().toISOString(),
          files: entries,
        };
        files['manifest.json'] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
        await recordAudit(tx, {
          entityType: 'account_export',
          entityId: account.id,
          action: 'export',
          accountId: account.id,
          after: { files: entries.length, rows: entries.filter((f) => f.path.endsWith('.json')).reduce((n, f) => n + (f.rows ?? 0), 0) },
          actor: scopeActor(actor),
          at: clock.now(),
        });
        const zip = zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
        return ok({ zip, manifest, fileName: `landed-export-${account.code}-${clock.now().toISOString().slice(0, 10)}.zip` });
      },
      { isolationLevel: 'repeatable read' },
    );
    return out;
  }

  async function importAccount(actor: Actor, zip: Uint8Array): Promise<Result<ImportReport, AppError>> {
    if (actor.accountId) return err(appError('forbidden', 'Importing an account is for the installation’s administrators.'));
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(zip);
    } catch {
      return err(appError('unsupported_file', 'This is not a zip file.'));
    }
    const manifestBytes = files['manifest.json'];
    if (!manifestBytes) return err(appError('import_invalid', 'The zip has no manifest.json: it is not a Landed account export.'));
    let manifest: Manifest;
    try {
      manifest = JSON.parse(strFromU8(manifestBytes)) as Manifest;
    } catch {
      return err(appError('import_invalid', 'manifest.json is not valid JSON.'));
    }
    if (manifest.format !== EXPORT_FORMAT || manifest.format_version !== EXPORT_FORMAT_VERSION) {
      return err(
        appError(
          'import_invalid',
          `Unknown export format ${manifest.format} v${manifest.format_version}; this Landed reads ${EXPORT_FORMAT} v${EXPORT_FORMAT_VERSION}.`,
        ),
      );
    }
    const problems = manifest.files.flatMap((f) => {
      const data = files[f.path];
      if (!data)
        return [{ path: [f.path], code: 'missing_file', message: `${f.path} is listed in the manifest but missing from the zip.` }];
      const found = sha256(data);
      return found === f.sha256
        ? []
        : [
            {
              path: [f.path],
              code: 'hash_mismatch',
              message: `${f.path}: SHA-256 ${found} does not match the manifest (${f.sha256}); the file was changed.`,
            },
          ];
    });
    if (problems.length > 0) {
      return err(appError('import_invalid', `The export does not match its manifest: ${problems[0]?.message}`, problems));
    }
    return database.db.transaction(async (tx) => {
      const migrations = await appliedMigrations(tx);
      const here = sha256(migrations.join('\n'));
      if (here !== manifest.schema_version.migrations_sha256) {
        return err(
          appError(
            'import_invalid',
            `Schema version mismatch: the export was made at migration ${manifest.schema_version.last_migration}, this database is at ${migrations[migrations.length - 1] ?? '(none)'}. Import with the same version of Landed.`,
          ),
        );
      }
      const existing = await readAccount(tx, manifest.account.id);
      const sameCode = await readAccount(tx, manifest.account.code);
      if (existing.length > 0 || sameCode.length > 0) {
        return err(
          appError('already_exists', `This database already has account ${manifest.account.code}; import into a fresh installation.`),
        );
      }
      const tables = await describeTables(tx);
      const dataFiles = manifest.files.filter((f) => f.table && f.path.endsWith('.json'));
      for (const f of dataFiles) {
        if (!tables.has(f.table as string)) {
          return err(appError('import_invalid', `Table ${f.table} of the export does not exist in this database.`));
        }
      }
      const order = insertOrder(
        [...new Set(dataFiles.map((f) => f.table as string))],
        [...tables.values()].flatMap((t) => t.references.map((r) => ({ from: t.name, to: r.table }))),
      );
      const names = order.filter((t) => tables.has(t));
      await setUserTriggers(tx, names, false);
      const report: ImportReport['tables'] = [];
      for (const name of names) {
        const table = tables.get(name) as TableInfo;
        for (const scope of ['shared', 'account'] as const) {
          const f = dataFiles.find((d) => d.table === name && d.scope === scope);
          if (!f) continue;
          const rows = JSON.parse(strFromU8(files[f.path] as Uint8Array)) as Record<string, unknown>[];
          const redacted = REDACTED_COLUMNS[name] ?? {};
          for (const row of rows) for (const [column, value] of Object.entries(redacted)) row[column] = value;
          await insertRows(tx, table, orderParentsFirst(table, rows), { onConflictDoNothing: scope === 'shared' });
          report.push({ table: name, scope, rows: rows.length });
          if (scope === 'account') await advanceNumbers(tx, rows);
        }
      }
      await setUserTriggers(tx, names, true);
      await recordAudit(tx, {
        entityType: 'account_export',
        entityId: manifest.account.id,
        action: 'import',
        accountId: manifest.account.id,
        after: { code: manifest.account.code, exported_at: manifest.exported_at, manifest_sha256: sha256(manifestBytes), tables: report },
        actor: scopeActor(actor),
        at: clock.now(),
      });
      return ok({
        account: { id: manifest.account.id, code: manifest.account.code },
        tables: report,
        rows: report.reduce((n, t) => n + t.rows, 0),
      });
    });
  }

  return { exportAccount, importAccount };
}

export type PortabilityService = ReturnType<typeof createPortabilityService>;

async function readAccount(tx: Executor, codeOrId: string): Promise<{ id: string; code: string; name: string }[]> {
  return selectRows(tx, sql`SELECT id::text, code, name FROM accounts WHERE id::text = ${codeOrId} OR lower(code) = lower(${codeOrId})`);
}

/** The account's rows of every account table, then the shared rows they reference (to closure). */
async function collect(
  tx: Executor,
  tables: Map<string, TableInfo>,
  accountId: string,
): Promise<Result<{ account: Map<string, Rows>; shared: Map<string, Rows> }, AppError>> {
  const account = new Map<string, Rows>();
  for (const table of tables.values()) {
    if (EXCLUDED_TABLES.has(table.name) || table.name === 'landed_migrations') continue;
    if (table.name === 'accounts') account.set('accounts', await readRows(tx, table, { column: 'id', values: [accountId] }));
    else if (table.hasAccountId) account.set(table.name, await readRows(tx, table, { column: 'account_id', values: [accountId] }));
  }
  const shared = new Map<string, Rows>();
  const keyOf = (table: TableInfo, row: (string | null)[], column: string) =>
    row[table.columns.findIndex((c) => c.name === column)] ?? null;
  const present = (name: string, column: string): Set<string> => {
    const table = tables.get(name) as TableInfo;
    const values = new Set<string>();
    for (const rows of [account.get(name), shared.get(name)])
      for (const row of rows ?? []) {
        const v = keyOf(table, row, column);
        if (v !== null) values.add(v);
      }
    return values;
  };
  for (let round = 0; round < 10; round++) {
    let added = 0;
    const all = [...account.entries(), ...shared.entries()];
    const wanted = new Map<string, { column: string; values: Set<string> }>();
    for (const [name, rows] of all) {
      const table = tables.get(name) as TableInfo;
      for (const ref of table.references) {
        const have = present(ref.table, ref.refColumn);
        for (const row of rows) {
          const v = keyOf(table, row, ref.column);
          if (v === null || have.has(v)) continue;
          if (!(ref.table in SHARED_TABLES)) {
            return err(
              appError(
                'internal_error',
                `${name}.${ref.column} references ${ref.table}, which is neither an account table nor listed in SHARED_TABLES (src/services/portability/portability.ts); decide whether it travels.`,
              ),
            );
          }
          const entry = wanted.get(ref.table) ?? { column: ref.refColumn, values: new Set<string>() };
          entry.values.add(v);
          wanted.set(ref.table, entry);
        }
      }
    }
    // The standard cards under a plan travel with every version.
    const cards = shared.get('rate_cards');
    if (cards) {
      const have = present('rate_card_versions', 'card_id');
      const cardTable = tables.get('rate_cards') as TableInfo;
      for (const row of cards) {
        const id = keyOf(cardTable, row, 'id');
        if (id && !have.has(id)) {
          const more = await readRows(tx, tables.get('rate_card_versions') as TableInfo, { column: 'card_id', values: [id] });
          if (more.length > 0) {
            shared.set('rate_card_versions', [...(shared.get('rate_card_versions') ?? []), ...more]);
            added += more.length;
          }
        }
      }
    }
    for (const [name, want] of wanted) {
      const table = tables.get(name) as TableInfo;
      const rows = await readRows(tx, table, { column: want.column, values: [...want.values] });
      const mine = rows.filter(
        (r) => !table.hasAccountId || keyOf(table, r, 'account_id') === null || keyOf(table, r, 'account_id') === accountId,
      );
      if (mine.length < rows.length) {
        return err(appError('internal_error', `${name} rows of another account are referenced by this account's records.`));
      }
      shared.set(name, [...(shared.get(name) ?? []), ...rows]);
      added += rows.length;
    }
    if (added === 0) break;
  }
  for (const [name, rows] of shared) {
    const table = tables.get(name) as TableInfo;
    shared.set(name, sortRows(table, rows));
  }
  return ok({ account, shared });
}

/** Key order, as readRows returns for one query (shared rows arrive in several). */
function sortRows(table: TableInfo, rows: Rows): Rows {
  const key = (table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((c) => c.name)).map((k) =>
    table.columns.findIndex((c) => c.name === k),
  );
  const numeric = key.map((i) => /^(smallint|integer|bigint)$/.test(table.columns[i]?.type ?? ''));
  return [...rows].sort((a, b) => {
    for (const [n, i] of key.entries()) {
      const x = a[i] ?? '';
      const y = b[i] ?? '';
      const c = numeric[n] ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Drops redacted columns from what is written. */
function visible(table: TableInfo, rows: Rows) {
  const hidden = new Set(Object.keys(REDACTED_COLUMNS[table.name] ?? {}));
  const keep = table.columns.map((c, i) => [c, i] as const).filter(([c]) => !hidden.has(c.name));
  return { columns: keep.map(([c]) => c), values: rows.map((r) => keep.map(([, i]) => r[i] ?? null)) };
}

function orderParentsFirst(table: TableInfo, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const self = table.references.filter((r) => r.table === table.name);
  if (self.length === 0 || table.primaryKey.length !== 1) return rows;
  const pk = table.primaryKey[0] as string;
  const order = parentFirst(
    rows.map((r) => String(r[pk])),
    rows.map((r) => self.map((s) => (r[s.column] === null || r[s.column] === undefined ? null : String(r[s.column])))),
  );
  return order.map((i) => rows[i] as Record<string, unknown>);
}

async function advanceNumbers(tx: Executor, rows: Record<string, unknown>[]): Promise<void> {
  const last = new Map<string, number>();
  for (const row of rows) {
    const m = typeof row.number === 'string' ? /^([A-Z]+)-(\d{4})-(\d+)$/.exec(row.number) : null;
    const kind = m ? NUMBER_SERIES[m[1] as string] : undefined;
    if (!m || !kind) continue;
    const key = `${kind}/${m[2]}`;
    last.set(key, Math.max(last.get(key) ?? 0, Number(m[3])));
  }
  for (const [key, n] of last) {
    const [kind, year] = key.split('/') as [string, string];
    await advanceNumberSequence(tx, kind, year, n);
  }
}

interface SchemaTable {
  table: string;
  scope: 'account' | 'shared';
  rows: number;
  primary_key: string[];
  columns: { name: string; type: string; nullable: boolean }[];
  redacted_columns: string[];
  why?: string;
}

function schemaMarkdown(code: string, tables: SchemaTable[]): string {
  const parts = [
    `# Landed account export: ${code}`,
    '',
    'Every record of the account, one table per file, as JSON (`data/<table>.json`, an array of objects) and CSV',
    '(`data/<table>.csv`, header row, empty field = NULL, `""` = empty text). Records of other tables that the account’s',
    'records refer to are in `shared/`. `manifest.json` lists every file with its row count and SHA-256.',
    '',
    'Values are PostgreSQL’s own text: times in UTC (`2026-11-25 17:30:45.123456+00`), dates `YYYY-MM-DD`, decimals exact.',
    'Money is in integer minor units (`*_minor` columns: cents for USD, fen for CNY) with its currency beside it.',
    'Secrets are never exported: the redacted columns below are absent from the files.',
    '',
  ];
  for (const t of tables) {
    parts.push(`## ${t.scope === 'shared' ? 'shared' : 'data'}/${t.table} (${t.rows} rows)`, '');
    if (t.why) parts.push(t.why, '');
    parts.push(
      `Key: ${t.primary_key.join(', ') || '(none)'}${t.redacted_columns.length ? `. Redacted: ${t.redacted_columns.join(', ')}` : ''}.`,
      '',
    );
    parts.push('| Column | Type | Null |', '| --- | --- | --- |');
    for (const c of t.columns) parts.push(`| ${c.name} | ${c.type} | ${c.nullable ? 'yes' : 'no'} |`);
    parts.push('');
  }
  return `${parts.join('\n')}\n`;
}
