/**
 * Inbound plans (ASN): a seller drafts cartons to a US warehouse — as JSON or from a carton
 * sheet, all-or-nothing — edits the draft, submits it (one lot per SKU, its units posted as
 * expected stock), and may cancel it until the goods leave. Warehouse staff record the first
 * leg and customs. Receiving and putaway live in ./receiving.ts.
 */
import { parseCartonSheet } from '../../domain/inbound/carton-sheet.js';
import {
  asnNumber,
  type CartonGroupDraft,
  cartonBarcode,
  FREIGHT_MODES,
  type FreightMode,
  type ValidCarton,
  validateCartons,
} from '../../domain/inbound/plan.js';
import {
  type CustomsStatus,
  canTransition,
  cancellableBy,
  customsStepAllowed,
  isEditable,
  type PlanStatus,
  transitionMessage,
} from '../../domain/inbound/plan-status.js';
import { DEFAULT_DECLARED_VALUE_FLOOR, type DeclaredValueFloor } from '../../domain/inbound/plan-warnings.js';
import type { MovementInput } from '../../domain/inventory/movements.js';
import { type AppError, AppFailure, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import { isUuid } from '../../domain/shared/ids.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import type { Executor } from '../../db/connect.js';
import {
  deleteCartons,
  findPlan,
  insertCartons,
  insertPlan,
  listItems,
  listPlans,
  type NewCartonItemRow,
  type NewCartonRow,
  type NewPlanRow,
  type PlanFilter,
  type PlanListRow,
  type PlanRow,
  planLots,
  updatePlan,
} from '../../db/repositories/inbound-plans.js';
import { createLot, nextNumber, postMovements } from '../../db/repositories/inventory-ledger.js';
import { findSkusBySellerSku, type SkuRow } from '../../db/repositories/skus.js';
import type { Page } from '../../db/pagination.js';
import { inScope, type Scope } from '../../db/tenancy.js';
import { findWarehouse, type WarehouseRow } from '../../db/repositories/warehouses.js';
import { skus, warehouses } from '../../db/schema.js';
import { inArray, sql } from 'drizzle-orm';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { assertWarehouseAllowed } from '../inventory/access.js';
import { resolveAccount } from '../skus.js';
import { readTable } from '../spreadsheets/read-table.js';
import { buildPlanView, loadPlanView, type PlanView } from './plan-view.js';

export interface InboundOptions {
  /** Per-unit declared value under which a plan line is flagged (per currency). */
  declaredValueFloor?: DeclaredValueFloor;
}

/** First-leg fields a seller may set on a draft and staff may update later. */
export interface ShipmentFields {
  carrier?: string | null;
  vessel?: string | null;
  voyage?: string | null;
  containerNumber?: string | null;
  trackingNumber?: string | null;
  etd?: string | null;
  eta?: string | null;
}

export interface PlanHeaderInput extends ShipmentFields {
  /** Warehouse id or code (US-NJ1). */
  destinationWarehouse?: string;
  originWarehouse?: string | null;
  freightMode?: string;
  reference?: string | null;
  note?: string | null;
}

export interface CreatePlanInput extends PlanHeaderInput {
  accountId?: string;
  cartons: CartonGroupDraft[];
}

export interface UpdateDraftInput extends PlanHeaderInput {
  /** When given, replaces the draft's cartons whole. */
  cartons?: CartonGroupDraft[];
}

export interface SheetPlanInput extends PlanHeaderInput {
  accountId?: string;
  filename?: string;
  data: Buffer;
}

export interface StaffShipmentInput extends ShipmentFields {
  status?: 'in_transit' | 'arrived';
  customsStatus?: CustomsStatus;
  customsEntryNumber?: string | null;
  customsFiledOn?: string | null;
  customsHeldOn?: string | null;
  customsReleasedOn?: string | null;
  customsNote?: string | null;
}

export function createInboundPlanService(deps: ServiceDeps, options: InboundOptions = {}) {
  const { database, clock, ids } = deps;
  const floor = options.declaredValueFloor ?? DEFAULT_DECLARED_VALUE_FLOOR;

  async function transact<T>(actor: Actor, fn: (tx: Executor, scope: Scope) => Promise<Result<T, AppError>>): Promise<Result<T, AppError>> {
    const scope = scopeOf(actor);
    try {
      return await inScope(database.db, scope, (tx) => fn(tx, scope));
    } catch (error) {
      if (error instanceof AppFailure) return err(error.appError);
      throw error;
    }
  }

  async function list(actor: Actor, filter: PlanFilter): Promise<Page<PlanListRow>> {
    const scope = scopeOf(actor);
    return inScope(database.db, scope, (tx) => listPlans(tx, scope, filter));
  }

  async function get(actor: Actor, id: string): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const view = await loadPlanView(tx, scope, id, floor);
      return view ? ok(view) : err(notFound());
    });
  }

  async function create(actor: Actor, input: CreatePlanInput): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const account = await resolveAccount(tx, actor, scope, input.accountId);
      if (!account.ok) return account;
      const checked = await checkPlan(tx, account.value, input, input.cartons, { requireHeader: true });
      if (!checked.ok) return err(invalidPlan(checked.error));
      const plan = await writeNewPlan(tx, actor, account.value, checked.value);
      return ok(await buildPlanView(tx, scope, plan, floor));
    });
  }

  /** The same as create, from a carton sheet: every problem reported at its row and column. */
  async function createFromSheet(actor: Actor, input: SheetPlanInput): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const account = await resolveAccount(tx, actor, scope, input.accountId);
      if (!account.ok) return account;
      const table = await readTable(input.filename, input.data);
      if (!table.ok) return table;
      const sheet = parseCartonSheet(table.value);
      if (sheet.errors.length > 0) return err(sheetInvalid(sheet.errors));
      const checked = await checkPlan(tx, account.value, input, sheet.groups, { requireHeader: true });
      if (!checked.ok) {
        // Carton problems point into the sheet; header problems (warehouse, mode) stay request paths.
        const located = checked.error.map((d) => (d.path?.[0] === 'cartons' ? { ...d, ...sheet.locate(d.path) } : d));
        return err(sheetInvalid(located));
      }
      const plan = await writeNewPlan(tx, actor, account.value, checked.value);
      return ok(await buildPlanView(tx, scope, plan, floor));
    });
  }

  async function updateDraft(actor: Actor, id: string, input: UpdateDraftInput): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const plan = await findPlan(tx, scope, id, { forUpdate: true });
      if (!plan) return err(notFound());
      if (!isEditable(plan.status as PlanStatus)) return err(invalidState(plan.status as PlanStatus, 'draft'));
      const header: PlanHeaderInput = {
        ...input,
        destinationWarehouse: input.destinationWarehouse ?? plan.destinationWarehouseId,
        originWarehouse: input.originWarehouse === undefined ? plan.originWarehouseId : input.originWarehouse,
        freightMode: input.freightMode ?? plan.freightMode,
        etd: input.etd === undefined ? plan.etd : input.etd,
        eta: input.eta === undefined ? plan.eta : input.eta,
      };
      const checked = await checkPlan(tx, plan.accountId, header, input.cartons ?? null, { requireHeader: true });
      if (!checked.ok) return err(invalidPlan(checked.error));
      const now = clock.now();
      const patch = headerRow(checked.value, plan);
      const updated = await updatePlan(tx, plan.id, { ...patch, updatedAt: now });
      if (checked.value.cartons) {
        await deleteCartons(tx, plan.id);
        const rows = contentRows(plan, checked.value.cartons, checked.value.skus, ids.next);
        await insertCartons(tx, rows.cartons, rows.items);
      }
      return ok(await buildPlanView(tx, scope, updated, floor));
    });
  }

  /** Submitting makes one lot per SKU and posts the planned units as expected (inbound) stock. */
  async function submit(actor: Actor, id: string): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const plan = await findPlan(tx, scope, id, { forUpdate: true });
      if (!plan) return err(notFound());
      if (!canTransition(plan.status as PlanStatus, 'submitted')) return err(invalidState(plan.status as PlanStatus, 'submitted'));
      await assertWarehouseAllowed(tx, plan.accountId, plan.destinationWarehouseId);
      const items = await listItems(tx, plan.id);
      if (items.length === 0) return err(appError('validation_failed', 'The plan has no cartons; add them before submitting.', []));
      const planned = new Map<string, number>();
      for (const item of items) planned.set(item.skuId, (planned.get(item.skuId) ?? 0) + item.quantity);
      const skuRows = await skusById(tx, [...planned.keys()]);
      const archived = skuRows.filter((s) => s.status !== 'active');
      if (archived.length > 0) {
        return err(
          appError(
            'validation_failed',
            `Archived SKUs cannot be shipped in: ${archived.map((s) => s.sellerSku).join(', ')}.`,
            archived.map((s) => ({ field: 'sku', code: 'archived_sku', message: `SKU ${s.sellerSku} is archived.` })),
          ),
        );
      }
      const now = clock.now();
      const movements: MovementInput[] = [];
      for (const sku of skuRows.sort((a, b) => a.sellerSku.localeCompare(b.sellerSku))) {
        const lot = await createLot(tx, ids, {
          accountId: plan.accountId,
          skuId: sku.id,
          warehouseId: plan.destinationWarehouseId,
          code: `${plan.number}/${sku.sellerSku}`,
          sourceType: 'inbound',
          sourceId: plan.id,
          receivedOn: null,
        });
        movements.push({
          accountId: plan.accountId,
          skuId: sku.id,
          warehouseId: plan.destinationWarehouseId,
          lotId: lot.id,
          movement: 'inbound_expected',
          inboundDelta: planned.get(sku.id) as number,
          sourceType: 'inbound_plan',
          sourceId: plan.id,
          userId: actor.userId,
        });
      }
      await postMovements(tx, ids, now, movements);
      const updated = await updatePlan(tx, plan.id, { status: 'submitted', submittedAt: now, updatedAt: now });
      return ok(await buildPlanView(tx, scope, updated, floor));
    });
  }

  /** Cancelling takes back whatever is still expected (inbound_cancelled). */
  async function cancel(actor: Actor, id: string, note: string | null): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const plan = await findPlan(tx, scope, id, { forUpdate: true });
      if (!plan) return err(notFound());
      const status = plan.status as PlanStatus;
      if (!cancellableBy(status, actor.accountId ? 'seller' : 'staff')) {
        const hint =
          actor.accountId && canTransition(status, 'cancelled') ? ' The goods are on their way: ask the warehouse to cancel it.' : '';
        return err(appError('invalid_state', `${transitionMessage(status, 'cancelled').en}${hint}`, [stateDetail(status, 'cancelled')]));
      }
      const now = clock.now();
      const lots = await planLots(tx, plan.id, { forUpdate: true });
      const movements: MovementInput[] = [...lots.values()]
        .filter((l) => l.inbound > 0)
        .map((l) => ({
          accountId: plan.accountId,
          skuId: l.skuId,
          warehouseId: l.warehouseId,
          lotId: l.id,
          movement: 'inbound_cancelled' as const,
          inboundDelta: -l.inbound,
          note,
          sourceType: 'inbound_plan',
          sourceId: plan.id,
          userId: actor.userId,
        }));
      await postMovements(tx, ids, now, movements);
      const updated = await updatePlan(tx, plan.id, {
        status: 'cancelled',
        cancelledAt: now,
        updatedAt: now,
        ...(note ? { note: plan.note ? `${plan.note}\n${note}` : note } : {}),
      });
      return ok(await buildPlanView(tx, scope, updated, floor));
    });
  }

  /** Staff: first-leg details, departure/arrival and customs. */
  async function updateShipment(actor: Actor, id: string, input: StaffShipmentInput): Promise<Result<PlanView, AppError>> {
    return transact(actor, async (tx, scope) => {
      const plan = await findPlan(tx, scope, id, { forUpdate: true });
      if (!plan) return err(notFound());
      const status = plan.status as PlanStatus;
      if (status === 'draft' || status === 'cancelled' || status === 'closed') {
        return err(
          appError(
            'invalid_state',
            `Plan is ${status}: its shipment cannot be updated${status === 'draft' ? ' until it is submitted' : ''}.`,
            [{ path: ['status'], code: 'invalid_state', message: `Plan is ${status}.` }],
          ),
        );
      }
      const now = clock.now();
      const today = now.toISOString().slice(0, 10);
      const problems: ErrorDetail[] = [];
      const patch: Partial<NewPlanRow> = { updatedAt: now, ...shipmentPatch(input) };
      const etd = input.etd === undefined ? plan.etd : input.etd;
      const eta = input.eta === undefined ? plan.eta : input.eta;
      if (etd && eta && eta < etd) problems.push({ path: ['eta'], code: 'before_etd', message: `ETA ${eta} is before ETD ${etd}.` });
      if (input.status && input.status !== status) {
        if (!canTransition(status, input.status)) problems.push(stateDetail(status, input.status));
        else {
          patch.status = input.status;
          if (input.status === 'in_transit') patch.departedAt = now;
          if (input.status === 'arrived') patch.arrivedAt = now;
        }
      }
      if (input.customsStatus) {
        const from = plan.customsStatus as CustomsStatus;
        if (!customsStepAllowed(from, input.customsStatus)) {
          problems.push({
            path: ['customs_status'],
            code: 'invalid_customs_step',
            message: `Customs status cannot go from ${from} to ${input.customsStatus}.`,
            messages: {
              en: `Customs status cannot go from ${from} to ${input.customsStatus}.`,
              zh: `清关状态不能从 ${from} 改为 ${input.customsStatus}。`,
            },
          });
        } else {
          patch.customsStatus = input.customsStatus;
          if (input.customsStatus === 'filed' && from !== 'filed') patch.customsFiledOn = input.customsFiledOn ?? today;
          if (input.customsStatus === 'held' && from !== 'held') patch.customsHeldOn = input.customsHeldOn ?? today;
          if (input.customsStatus === 'released' && from !== 'released') patch.customsReleasedOn = input.customsReleasedOn ?? today;
        }
      }
      if (input.customsEntryNumber !== undefined) patch.customsEntryNumber = clean(input.customsEntryNumber);
      if (input.customsNote !== undefined) patch.customsNote = clean(input.customsNote);
      // Dates may also be corrected on their own (a release recorded a day late).
      for (const key of ['customsFiledOn', 'customsHeldOn', 'customsReleasedOn'] as const) {
        if (input[key] !== undefined && patch[key] === undefined) patch[key] = input[key];
      }
      if (problems.length > 0) return err(appError('validation_failed', problems[0]?.message ?? 'Invalid shipment update.', problems));
      const updated = await updatePlan(tx, plan.id, patch);
      return ok(await buildPlanView(tx, scope, updated, floor));
    });
  }

  // ——— helpers that need the database ———

  interface CheckedPlan {
    destination: WarehouseRow;
    origin: WarehouseRow | null;
    freightMode: FreightMode;
    header: PlanHeaderInput;
    cartons: ValidCarton[] | null;
    skus: Map<string, SkuRow>;
  }

  /**
   * Everything about a plan that can be wrong, collected at once: header, cartons (pure), then
   * the warehouses and SKUs (database). A warehouse the account may not use throws
   * warehouse_not_allowed (its own code: the seller must ask the warehouse, not fix a field).
   */
  async function checkPlan(
    tx: Executor,
    accountId: string,
    header: PlanHeaderInput,
    groups: CartonGroupDraft[] | null,
    _options: { requireHeader: boolean },
  ): Promise<Result<CheckedPlan, ErrorDetail[]>> {
    const problems: ErrorDetail[] = [];
    const mode = (header.freightMode ?? '').trim().toLowerCase();
    if (!(FREIGHT_MODES as readonly string[]).includes(mode))
      problems.push({
        path: ['freight_mode'],
        field: 'freight_mode',
        code: 'invalid_freight_mode',
        message: `Freight mode must be air, sea or express (got "${header.freightMode ?? ''}").`,
      });
    if (header.etd && header.eta && header.eta < header.etd)
      problems.push({ path: ['eta'], field: 'eta', code: 'before_etd', message: `ETA ${header.eta} is before ETD ${header.etd}.` });

    let cartons: ValidCarton[] | null = null;
    if (groups) {
      const validated = validateCartons(groups);
      if (validated.ok) cartons = validated.value;
      else problems.push(...validated.errors);
    }

    const destination = header.destinationWarehouse ? await findWarehouseRef(tx, header.destinationWarehouse) : undefined;
    if (!header.destinationWarehouse)
      problems.push({
        path: ['destination_warehouse'],
        field: 'destination_warehouse',
        code: 'required',
        message: 'Choose the US warehouse the goods go to.',
      });
    else if (!destination)
      problems.push({
        path: ['destination_warehouse'],
        field: 'destination_warehouse',
        code: 'not_found',
        message: `No warehouse "${header.destinationWarehouse}".`,
      });
    else if (destination.kind !== 'us_fulfilment' || destination.country !== 'US' || destination.status !== 'active')
      problems.push({
        path: ['destination_warehouse'],
        field: 'destination_warehouse',
        code: 'not_a_us_warehouse',
        message: `${destination.code} is not an active US fulfilment warehouse; inbound plans go to one.`,
        messages: {
          en: `${destination.code} is not an active US fulfilment warehouse; inbound plans go to one.`,
          zh: `${destination.code} 不是可用的美国仓，入库单只能发往美国仓。`,
        },
      });

    let origin: WarehouseRow | null = null;
    if (header.originWarehouse) {
      origin = (await findWarehouseRef(tx, header.originWarehouse)) ?? null;
      if (!origin)
        problems.push({
          path: ['origin_warehouse'],
          field: 'origin_warehouse',
          code: 'not_found',
          message: `No warehouse "${header.originWarehouse}".`,
        });
      else if (origin.kind !== 'china_consolidation')
        problems.push({
          path: ['origin_warehouse'],
          field: 'origin_warehouse',
          code: 'not_a_consolidation_warehouse',
          message: `${origin.code} is not a China consolidation warehouse.`,
        });
    }

    const skus = new Map<string, SkuRow>();
    if (groups) {
      const names = groups.flatMap((g) => g.items.map((i) => String(i.sku ?? '').trim())).filter((s) => s !== '');
      const found = await findSkusBySellerSku(tx, accountId, [...new Set(names.map((n) => n.toLowerCase()))]);
      for (const [gi, g] of groups.entries()) {
        for (const [ii, item] of g.items.entries()) {
          const name = String(item.sku ?? '').trim();
          if (!name) continue;
          const sku = found.get(name.toLowerCase());
          const path = ['cartons', gi, 'items', ii, 'sku'];
          if (!sku)
            problems.push({
              path,
              field: 'sku',
              code: 'unknown_sku',
              message: `SKU "${name}" is not in this account's catalogue; add it first.`,
            });
          else if (sku.status !== 'active')
            problems.push({ path, field: 'sku', code: 'archived_sku', message: `SKU "${name}" is archived.` });
          else skus.set(name.toLowerCase(), sku);
        }
      }
    }
    if (problems.length > 0) return err(problems);
    // Only once the plan is otherwise sound: the account must be allowed into that warehouse.
    await assertWarehouseAllowed(tx, accountId, (destination as WarehouseRow).id);
    return ok({ destination: destination as WarehouseRow, origin, freightMode: mode as FreightMode, header, cartons, skus });
  }

  async function writeNewPlan(tx: Executor, actor: Actor, accountId: string, checked: CheckedPlan): Promise<PlanRow> {
    const now = clock.now();
    const year = now.getUTCFullYear();
    const number = asnNumber(year, await nextNumber(tx, 'asn', String(year)));
    const id = ids.next();
    const base = { id, accountId, number } as PlanRow;
    const plan = await insertPlan(tx, {
      id,
      accountId,
      number,
      status: 'draft',
      customsStatus: 'not_filed',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      ...headerRow(checked, base),
      destinationWarehouseId: checked.destination.id,
      freightMode: checked.freightMode,
    } as NewPlanRow);
    const rows = contentRows(plan, checked.cartons ?? [], checked.skus, ids.next);
    await insertCartons(tx, rows.cartons, rows.items);
    return plan;
  }

  return { list, get, create, createFromSheet, updateDraft, submit, cancel, updateShipment };
}

export type InboundPlanService = ReturnType<typeof createInboundPlanService>;

/** A warehouse by id or by code (case-insensitive). */
export async function findWarehouseRef(tx: Executor, ref: string): Promise<WarehouseRow | undefined> {
  const trimmed = ref.trim();
  if (isUuid(trimmed)) return findWarehouse(tx, trimmed);
  const [row] = await tx.select().from(warehouses).where(sql`lower(${warehouses.code}) = ${trimmed.toLowerCase()}`);
  return row;
}

async function skusById(tx: Executor, idList: string[]): Promise<SkuRow[]> {
  if (idList.length === 0) return [];
  return tx.select().from(skus).where(inArray(skus.id, idList));
}

function headerRow(
  checked: { destination: WarehouseRow; origin: WarehouseRow | null; freightMode: FreightMode; header: PlanHeaderInput },
  plan: PlanRow,
): Partial<NewPlanRow> {
  const h = checked.header;
  return {
    destinationWarehouseId: checked.destination.id,
    originWarehouseId: checked.origin?.id ?? null,
    freightMode: checked.freightMode,
    reference: h.reference === undefined ? plan.reference : clean(h.reference),
    note: h.note === undefined ? plan.note : clean(h.note),
    ...shipmentPatch(h),
  };
}

function shipmentPatch(h: ShipmentFields): Partial<NewPlanRow> {
  const patch: Partial<NewPlanRow> = {};
  if (h.carrier !== undefined) patch.carrier = clean(h.carrier);
  if (h.vessel !== undefined) patch.vessel = clean(h.vessel);
  if (h.voyage !== undefined) patch.voyage = clean(h.voyage);
  if (h.containerNumber !== undefined) patch.containerNumber = clean(h.containerNumber)?.toUpperCase() ?? null;
  if (h.trackingNumber !== undefined) patch.trackingNumber = clean(h.trackingNumber);
  if (h.etd !== undefined) patch.etd = h.etd;
  if (h.eta !== undefined) patch.eta = h.eta;
  return patch;
}

/** Numbers the cartons 1…n, gives each its barcode, and writes one line per SKU per carton. */
function contentRows(
  plan: Pick<PlanRow, 'id' | 'accountId' | 'number'>,
  cartons: ValidCarton[],
  skus: Map<string, SkuRow>,
  nextId: () => string,
): { cartons: NewCartonRow[]; items: NewCartonItemRow[] } {
  const cartonRows: NewCartonRow[] = [];
  const items: NewCartonItemRow[] = [];
  cartons.forEach((c, index) => {
    const cartonId = nextId();
    const cartonNo = index + 1;
    cartonRows.push({
      id: cartonId,
      planId: plan.id,
      accountId: plan.accountId,
      cartonNo,
      barcode: cartonBarcode(plan.number, cartonNo),
      lengthMm: c.lengthMm,
      widthMm: c.widthMm,
      heightMm: c.heightMm,
      weightG: c.weightG,
      status: 'expected',
    });
    for (const line of c.items) {
      const sku = skus.get(line.sku.toLowerCase()) as SkuRow;
      items.push({
        id: nextId(),
        cartonId,
        planId: plan.id,
        accountId: plan.accountId,
        skuId: sku.id,
        quantity: line.quantity,
        receivedQuantity: 0,
        damagedQuantity: 0,
        declaredValueMinor: line.declaredValueMinor,
        declaredCurrency: line.declaredCurrency,
      });
    }
  });
  return { cartons: cartonRows, items };
}

function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function notFound(): AppError {
  return appError('not_found', 'Inbound plan not found.');
}

function stateDetail(from: PlanStatus, to: PlanStatus): ErrorDetail {
  const messages = transitionMessage(from, to);
  return { path: ['status'], code: 'invalid_state', message: messages.en, messages };
}

export function invalidState(from: PlanStatus, to: PlanStatus): AppError {
  return appError('invalid_state', transitionMessage(from, to).en, [stateDetail(from, to)]);
}

function invalidPlan(details: ErrorDetail[]): AppError {
  return appError(
    'validation_failed',
    details.length === 1 ? (details[0]?.message ?? 'Invalid plan.') : `${details.length} problems in the plan; nothing was saved.`,
    details,
  );
}

function sheetInvalid(details: ErrorDetail[]): AppError {
  const rows = new Set(details.map((d) => d.row).filter((r) => r !== undefined));
  const message =
    rows.size > 0
      ? `${details.length} problem(s) in ${rows.size} row(s) of the carton sheet; nothing was saved. Fix them and upload again.`
      : `${details[0]?.message ?? 'The carton sheet is not valid.'} Nothing was saved.`;
  return appError('import_invalid', message, details);
}
