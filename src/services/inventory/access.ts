/**
 * Which warehouses an account may keep stock in and ship from: the grants staff make in
 * account_warehouses. Every write that puts an account's stock in a warehouse checks here.
 */
import { and, eq } from 'drizzle-orm';
import { AppFailure, appError } from '../../domain/shared/errors.js';
import type { Executor } from '../../db/connect.js';
import { accountWarehouses } from '../../db/schema.js';

/**
 * Throws AppFailure('warehouse_not_allowed') unless the account was granted the warehouse.
 * @example await assertWarehouseAllowed(tx, plan.accountId, plan.destinationWarehouseId)
 */
export async function assertWarehouseAllowed(tx: Executor, accountId: string, warehouseId: string): Promise<void> {
  if (await isWarehouseAllowed(tx, accountId, warehouseId)) return;
  throw new AppFailure(
    appError('warehouse_not_allowed', 'This account may not keep stock in that warehouse; ask the warehouse to grant it.', [
      {
        path: ['warehouse_id'],
        code: 'warehouse_not_allowed',
        message: `Warehouse ${warehouseId} is not granted to this account.`,
        messages: { en: 'This account may not use that warehouse.', zh: '该账户未获准使用此仓库。' },
      },
    ]),
  );
}

export async function isWarehouseAllowed(tx: Executor, accountId: string, warehouseId: string): Promise<boolean> {
  const [row] = await tx
    .select({ warehouseId: accountWarehouses.warehouseId })
    .from(accountWarehouses)
    .where(and(eq(accountWarehouses.accountId, accountId), eq(accountWarehouses.warehouseId, warehouseId)));
  return row !== undefined;
}
