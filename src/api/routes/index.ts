import type { RouteSpec } from '../route.js';
import { accountRoutes } from './accounts.js';
import { apiKeyRoutes } from './api-keys.js';
import { authRoutes } from './auth.js';
import { inboundPlanRoutes } from './inbound-plans.js';
import { quoteRoutes } from './quotes.js';
import { rateCardRoutes } from './rate-cards.js';
import { skuRoutes } from './skus.js';
import { systemRoutes } from './system.js';
import { userRoutes } from './users.js';
import { warehouseRoutes } from './warehouses.js';

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
  ...inboundPlanRoutes,
];
