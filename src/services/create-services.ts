/** Wiring: every use case built once from the same database, clock, id generator and log. */
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { Database } from '../db/connect.js';
import type { Clock } from '../domain/shared/clock.js';
import { type IdGenerator, monotonicIds } from '../domain/shared/ids.js';
import { createAccountService } from './accounts.js';
import { createApiKeyService } from './api-keys.js';
import { createAuditService } from './audit/audit-log.js';
import { createPortabilityService } from './portability/portability.js';
import { createAuthService } from './auth.js';
import { createBillingService } from './billing/billing.js';
import { createClaimService } from './claims/claims.js';
import { createDisputeService } from './disputes/disputes.js';
import { createInvoiceDocumentService } from './documents/invoice-documents.js';
import type { ServiceDeps } from './context.js';
import { createInstallationService } from './installation.js';
import { createInboundPlanService } from './inbound/inbound-plans.js';
import { createReceivingService } from './inbound/receiving.js';
import { createAdjustmentService } from './inventory/adjustments.js';
import { createAllocationService } from './inventory/allocation.js';
import { createAvailabilityService } from './inventory/availability.js';
import { createCycleCountService } from './inventory/cycle-counts.js';
import { createStorageService } from './inventory/storage.js';
import { createTransferService } from './inventory/transfers.js';
import { createInventoryService } from './inventory/inventory.js';
import { createLocationService } from './inventory/locations.js';
import { createQuoteService } from './quotes.js';
import { createRateCardService } from './rate-cards/rate-cards.js';
import { createSkuImportService } from './sku-import.js';
import { createSkuService } from './skus.js';
import { createUserService } from './users.js';
import { createWarehouseService } from './warehouses.js';
import { createExitPlanService } from './returns/exit-plans.js';
import { createKitService } from './returns/kits.js';
import { createReturnService } from './returns/returns.js';
import { createWorkOrderService } from './returns/work-orders.js';

export const systemClock: Clock = { now: () => new Date() };

export function randomIds(clock: Clock): IdGenerator {
  return monotonicIds(
    () => clock.now().getTime(),
    (n) => randomBytes(n),
  );
}

export function createServices(options: { database: Database; clock?: Clock; ids?: IdGenerator; log?: Logger }) {
  const clock = options.clock ?? systemClock;
  const deps: ServiceDeps = {
    database: options.database,
    clock,
    ids: options.ids ?? randomIds(clock),
    log: options.log ?? pino({ level: 'silent' }),
  };
  const rateCards = createRateCardService(deps);
  const billing = createBillingService(deps, rateCards);
  return {
    deps,
    rateCards,
    quotes: createQuoteService(deps, rateCards),
    installation: createInstallationService(deps),
    auth: createAuthService(deps),
    accounts: createAccountService(deps),
    users: createUserService(deps),
    apiKeys: createApiKeyService(deps),
    warehouses: createWarehouseService(deps),
    skus: createSkuService(deps),
    skuImport: createSkuImportService(deps),
    returns: createReturnService(deps),
    workOrders: createWorkOrderService(deps),
    kits: createKitService(deps),
    exitPlans: createExitPlanService(deps),
    inboundPlans: createInboundPlanService(deps),
    receiving: createReceivingService(deps),
    allocations: createAllocationService(deps),
    locations: createLocationService(deps),
    inventory: createInventoryService(deps),
    adjustments: createAdjustmentService(deps),
    availability: createAvailabilityService(deps),
    transfers: createTransferService(deps),
    cycleCounts: createCycleCountService(deps),
    storage: createStorageService(deps, rateCards),
    billing,
    disputes: createDisputeService(deps, billing),
    claims: createClaimService(deps, rateCards),
    invoiceDocuments: createInvoiceDocumentService(deps, billing),
    audit: createAuditService(deps),
    portability: createPortabilityService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
