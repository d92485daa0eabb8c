/**
 * Kit recipes: which component SKUs, how many of each, make one kit SKU. The recipe is what a
 * kitting work order consumes; it may not change while such an order is open.
 */
import { sql } from 'drizzle-orm';
import { type Executor, selectRows } from '../../db/connect.js';
import { findSku, findSkusBySellerSku } from '../../db/repositories/skus.js';
import { availableBySku } from '../../db/repositories/stock-takes.js';
import {
  countOpenKitWork,
  type KitComponentRow,
  kitRoles,
  listKitComponents,
  replaceKitComponents,
} from '../../db/repositories/work-orders.js';
import { inScope } from '../../db/tenancy.js';
import { type AppError, appError, type ErrorDetail } from '../../domain/shared/errors.js';
import type { Result } from '../../domain/shared/result.js';
import { validateKitRecipe } from '../../domain/work-orders/kits.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { fail, inTransaction, invalid, type SkuLabel, skuLabels } from './common.js';

export interface KitComponentInput {
  skuId?: string;
  sellerSku?: string;
  quantity: number;
}

export interface KitDetail {
  kit: SkuLabel;
  components: { sku: SkuLabel; quantity: number }[];
  /** Kits the components on hand could make now, per warehouse the account uses. */
  buildable: { warehouseId: string; warehouseCode: string; kits: number }[];
}

export function createKitService(deps: ServiceDeps) {
  const { database, clock } = deps;
  const db = database.db;

  async function list(actor: Actor, filter: { accountId?: string }): Promise<KitDetail[]> {
    const scope = scopeOf(actor);
    return inScope(db, scope, async (tx) => {
      const rows = await listKitComponents(tx, scope, filter);
      return kitDetails(tx, rows, false);
    });
  }

  async function get(actor: Actor, kitSkuId: string): Promise<Result<KitDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const sku = await findSku(tx, scope, kitSkuId);
      if (!sku) fail(appError('not_found', 'SKU not found.'));
      const [detail] = await kitDetails(tx, await listKitComponents(tx, scope, { kitSkuIds: [sku.id] }), true);
      if (!detail) fail(appError('not_found', `${sku.sellerSku} is not a kit.`));
      return detail;
    });
  }

  /** Sets a kit's whole recipe (the SKU becomes a kit if it was not one). */
  async function setRecipe(actor: Actor, kitSkuId: string, components: KitComponentInput[]): Promise<Result<KitDetail, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const kit = await findSku(tx, scope, kitSkuId);
      if (!kit) fail(appError('not_found', 'SKU not found.'));
      if ((await countOpenKitWork(tx, kit.id)) > 0) openWork(kit.sellerSku);
      const resolved = await resolveComponents(tx, kit.accountId, components);
      const roles = await kitRoles(tx, kit.accountId);
      roles.kits.delete(kit.id);
      const problems = validateKitRecipe(kit.id, resolved, roles);
      if (problems.length > 0) invalid('The kit recipe is not valid.', problems);
      await replaceKitComponents(tx, kit.accountId, kit.id, resolved, clock.now());
      const [detail] = await kitDetails(tx, await listKitComponents(tx, scope, { kitSkuIds: [kit.id] }), true);
      return detail as KitDetail;
    });
  }

  async function remove(actor: Actor, kitSkuId: string): Promise<Result<{ removed: true }, AppError>> {
    const scope = scopeOf(actor);
    return inTransaction(db, scope, async (tx) => {
      const kit = await findSku(tx, scope, kitSkuId);
      if (!kit) fail(appError('not_found', 'SKU not found.'));
      if ((await listKitComponents(tx, scope, { kitSkuIds: [kit.id] })).length === 0)
        fail(appError('not_found', `${kit.sellerSku} is not a kit.`));
      if ((await countOpenKitWork(tx, kit.id)) > 0) openWork(kit.sellerSku);
      await replaceKitComponents(tx, kit.accountId, kit.id, [], clock.now());
      return { removed: true as const };
    });
  }

  function openWork(sellerSku: string): never {
    const message = `${sellerSku} has kitting work orders open; finish or cancel them before changing the recipe.`;
    fail(
      appError('invalid_state', message, [
        {
          path: ['components'],
          code: 'open_work_orders',
          message,
          messages: { en: message, zh: `${sellerSku} 有未完成的组套工单，完成或取消后才能修改组件。` },
        },
      ]),
    );
  }

  async function resolveComponents(
    tx: Executor,
    accountId: string,
    components: KitComponentInput[],
  ): Promise<{ skuId: string; quantity: number }[]> {
    const byId = await skuLabels(
      tx,
      components.flatMap((c) => (c.skuId ? [c.skuId] : [])),
    );
    const bySeller = await findSkusBySellerSku(
      tx,
      accountId,
      components.flatMap((c) => (!c.skuId && c.sellerSku ? [c.sellerSku.trim()] : [])),
    );
    const problems: ErrorDetail[] = [];
    const resolved = components.map((c, i) => {
      const found = c.skuId ? byId.get(c.skuId) : bySeller.get((c.sellerSku ?? '').trim().toLowerCase());
      if (!found || found.accountId !== accountId) {
        const named = c.skuId ?? c.sellerSku ?? '';
        problems.push({
          path: ['components', i, c.skuId ? 'sku_id' : 'seller_sku'],
          code: named ? 'unknown_sku' : 'required',
          message: named ? `${named} is not in the account’s catalogue.` : 'Name the component (sku_id or seller_sku).',
          messages: named ? { en: `${named} is not in the catalogue.`, zh: `${named} 不在该账户的商品目录中。` } : undefined,
        });
        return { skuId: '', quantity: c.quantity };
      }
      return { skuId: found.id, quantity: c.quantity };
    });
    if (problems.length > 0) invalid('Some components are not in the catalogue.', problems);
    return resolved;
  }

  return { list, get, setRecipe, remove };
}

async function kitDetails(tx: Executor, rows: KitComponentRow[], withBuildable: boolean): Promise<KitDetail[]> {
  const labels = await skuLabels(
    tx,
    rows.flatMap((r) => [r.kitSkuId, r.componentSkuId]),
  );
  const kits = new Map<string, KitComponentRow[]>();
  for (const row of rows) kits.set(row.kitSkuId, [...(kits.get(row.kitSkuId) ?? []), row]);
  const details: KitDetail[] = [];
  for (const [kitSkuId, components] of kits) {
    const kit = labels.get(kitSkuId) as SkuLabel;
    const buildable: KitDetail['buildable'] = [];
    if (withBuildable) {
      const warehouses = await selectRows<{ id: string; code: string }>(
        tx,
        sql`SELECT w.id, w.code FROM account_warehouses aw JOIN warehouses w ON w.id = aw.warehouse_id
             WHERE aw.account_id = ${kit.accountId} AND w.kind <> 'china_consolidation' ORDER BY w.code`,
      );
      for (const warehouse of warehouses) {
        const available = await availableBySku(
          tx,
          kit.accountId,
          warehouse.id,
          components.map((c) => c.componentSkuId),
        );
        const kitsPossible = Math.min(...components.map((c) => Math.floor((available.get(c.componentSkuId) ?? 0) / c.quantity)));
        buildable.push({ warehouseId: warehouse.id, warehouseCode: warehouse.code, kits: Math.max(0, kitsPossible) });
      }
    }
    details.push({
      kit,
      components: components.map((c) => ({ sku: labels.get(c.componentSkuId) as SkuLabel, quantity: c.quantity })),
      buildable,
    });
  }
  return details;
}

export type KitService = ReturnType<typeof createKitService>;
