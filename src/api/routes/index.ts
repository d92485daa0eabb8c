import type { RouteSpec } from '../route.js';
import { accountRoutes } from './accounts.js';
import { apiKeyRoutes } from './api-keys.js';
import { auditRoutes } from './audit-log.js';
import { authRoutes } from './auth.js';
import { billingRoutes } from './billing.js';
import { billingReportRoutes } from './billing-reports.js';
import { claimRoutes } from './claims.js';
import { disputeRoutes } from './disputes.js';
import { invoiceDocumentRoutes } from './invoice-documents.js';
import { exitPlanRoutes } from './exit-plans.js';
import { kitRoutes } from './kits.js';
import { inboundPlanRoutes } from './inbound-plans.js';
import { quoteRoutes } from './quotes.js';
import { rateCardRoutes } from './rate-cards.js';
import { returnRoutes } from './returns.js';
import { skuRoutes } from './skus.js';
import { systemRoutes } from './system.js';
import { userRoutes } from './users.js';
import { warehouseRoutes } from './warehouses.js';
import { allocationRoutes } from './allocations.js';
import { availabilityRoutes } from './availability.js';
import { stockOperationRoutes } from './stock-operations.js';
import { storageRoutes } from './storage.js';
import { inventoryRoutes } from './inventory.js';
import { locationRoutes } from './locations.js';
import { workOrderRoutes } from './work-orders.js';

/** The route table: the server registers it and the tenancy/role tests walk it. */
export const ROUTES: readonly RouteSpec[] = [
  ...systemRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...userRoutes,
  ...apiKeyRoutes,
  ...warehouseRoutes,
  ...skuRoutes,
  ...rateCardRoutes,
  ...quoteRoutes,
  ...returnRoutes,
  ...workOrderRoutes,
  ...kitRoutes,
  ...exitPlanRoutes,
  ...inboundPlanRoutes,
  ...locationRoutes,
  ...inventoryRoutes,
  ...allocationRoutes,
  ...availabilityRoutes,
  ...stockOperationRoutes,
  ...storageRoutes,
  ...billingRoutes,
  ...billingReportRoutes,
  ...invoiceDocumentRoutes,
  ...disputeRoutes,
  ...claimRoutes,
  ...auditRoutes,
];
