/**
 * Resolving a dispute writes its credit note through the billing core in a transaction of its
 * own, so the resolution is two steps. These tests stop it between them (as a killed process
 * would) and check that resolving again finishes it with exactly one credit note; and that two
 * staff resolving at once write one credit note.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/connect.js';
import { recordBillableEvents } from '../../src/db/repositories/inventory-ledger.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { type Actor, SYSTEM_ACTOR } from '../../src/services/context.js';
import { createServices, randomIds, type Services } from '../../src/services/create-services.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));
let db: TestDatabase;
let services: Services;
let seller: Actor;
let invoiceId: string;
let lineIds: string[];

const notesWith = async (reason: string) =>
  (
    await selectRows<{ n: number }>(
      db.database.db,
      sql`SELECT count(*)::int AS n FROM invoices WHERE credit_of = ${invoiceId} AND reason = ${reason}`,
    )
  )[0]?.n;

async function open(lineId: string | undefined, amount: string) {
  const opened = await services.disputes.open(seller, invoiceId, { lineId, reasonCode: 'wrong_rate', description: 'x', amount });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value.dispute;
}

/** As if a resolve stopped right after its first step. */
async function stopAfterDecision(id: string, minor: bigint, reason: string) {
  await db.database.db.execute(
    sql`UPDATE disputes SET status = 'resolved_accepted', accepted_minor = ${String(minor)}::bigint, resolution_reason = ${reason},
          resolved_at = ${clock.now().toISOString()}::timestamptz, updated_at = ${clock.now().toISOString()}::timestamptz WHERE id = ${id}`,
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  services = createServices({ database: db.database, clock });
  const account = await services.accounts.getByCode(SYSTEM_ACTOR, 'THREADLINE');
  if (!account.ok) throw new Error('no THREADLINE');
  seller = { kind: 'user', id: 'seller', role: 'seller_admin', accountId: account.value.id, userId: null };
  await db.database.db.transaction((tx) =>
    recordBillableEvents(
      tx,
      randomIds({ now: () => new Date() }),
      clock.now(),
      Array.from({ length: 4 }, (_, i) => ({
        accountId: account.value.id,
        kind: 'receiving_carton',
        occurredAt: new Date(`2026-11-1${i}T18:00:00Z`),
        quantity: 1,
        unit: 'carton',
        attributes: {},
        sourceType: 'test',
        sourceId: `c-${i}`,
        idempotencyKey: `resume-test:${i}`,
      })),
    ),
  );
  const run = await services.billing.run(SYSTEM_ACTOR, { period: '2026-11', accountCode: 'THREADLINE' });
  if (!run.ok) throw new Error(run.error.message);
  const list = await services.billing.list(SYSTEM_ACTOR, { accountId: account.value.id, period: '2026-11', limit: 1 });
  invoiceId = (list.ok && list.value.items[0]?.id) || '';
  const finalized = await services.billing.finalize(SYSTEM_ACTOR, invoiceId);
  if (!finalized.ok) throw new Error(finalized.error.message);
  lineIds = finalized.value.lines.filter((l) => l.amountMinor >= 100n).map((l) => l.id);
});
afterAll(async () => db?.drop());

describe('resolving a dispute that stopped halfway', () => {
  it('stopped after the decision: refused while it may still be in flight, then finished with one credit note', async () => {
    const dispute = await open(lineIds[0], '1.00');
    await stopAfterDecision(dispute.id, 100n, 'agreed');
    const inFlight = await services.disputes.resolve(SYSTEM_ACTOR, dispute.id, { outcome: 'accept', reason: 'agreed' });
    expect(!inFlight.ok && inFlight.error.code).toBe('conflict');
    clock.advance(5 * 60_000);
    const finished = await services.disputes.resolve(SYSTEM_ACTOR, dispute.id, { outcome: 'accept', reason: 'agreed' });
    expect(finished.ok && finished.value.creditNoteNumber).toMatch(/^CN-/);
    expect(await notesWith(`Dispute ${dispute.number}: agreed`)).toBe(1);
  });

  it('stopped after the credit note: resolving again links that note instead of writing another', async () => {
    const dispute = await open(undefined, '0.50');
    await stopAfterDecision(dispute.id, 50n, 'goodwill');
    const note = await services.billing.creditNote(SYSTEM_ACTOR, invoiceId, {
      reason: `Dispute ${dispute.number}: goodwill`,
      amount: '0.50',
    });
    if (!note.ok) throw new Error(note.error.message);
    clock.advance(5 * 60_000);
    const finished = await services.disputes.resolve(SYSTEM_ACTOR, dispute.id, { outcome: 'accept', reason: 'goodwill' });
    expect(finished.ok && finished.value.dispute.creditNoteId).toBe(note.value.invoice.id);
    expect(await notesWith(`Dispute ${dispute.number}: goodwill`)).toBe(1);
  });

  it('two staff resolving at once write one credit note', async () => {
    const dispute = await open(lineIds[1] ?? lineIds[0], '0.25');
    const results = await Promise.all([
      services.disputes.resolve(SYSTEM_ACTOR, dispute.id, { outcome: 'accept', reason: 'same' }),
      services.disputes.resolve(SYSTEM_ACTOR, dispute.id, { outcome: 'accept', reason: 'same' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await notesWith(`Dispute ${dispute.number}: same`)).toBe(1);
  });
});
