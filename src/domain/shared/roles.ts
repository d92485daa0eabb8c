/**
 * Who may do what. Roles are fixed by the trade: provider staff (admin, operator, finance),
 * seller staff (seller_admin, seller_user), and a read-only auditor on either side.
 * Every API route names one permission; the route table test checks each role against it.
 */
export const ROLES = ['admin', 'operator', 'finance', 'seller_admin', 'seller_user', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PROVIDER_ROLES: readonly Role[] = ['admin', 'operator', 'finance'];
export const SELLER_ROLES: readonly Role[] = ['seller_admin', 'seller_user'];

export const PERMISSIONS = [
  'installation:read',
  'installation:write',
  'accounts:read',
  'accounts:write',
  'users:read',
  'users:write',
  'api_keys:read',
  'api_keys:write',
  'warehouses:read',
  'warehouses:write',
  'skus:read',
  'skus:write',
  'rate_cards:read',
  'rate_cards:write',
  'quotes:read',
  'quotes:write',
  // Stock: sellers read their own and plan inbound, allocate and ask for returns and work;
  // warehouse staff receive, put away, count, adjust and carry the work out.
  'inventory:read',
  'inventory:write',
  'inbound:read',
  'inbound:write',
  'warehouse_ops:read',
  'warehouse_ops:write',
  'returns:read',
  'returns:write',
  'work_orders:read',
  'work_orders:write',
  // Billing: finance and admins run bills, finalize and credit; sellers read their own invoices.
  'billing:read',
  'billing:write',
  // Disputes and claims: sellers open and file their own and write in the thread; finance
  // and admins review and decide them (the decisions also need billing:write).
  'disputes:read',
  'disputes:write',
  'claims:read',
  'claims:write',
  // The audit log: sellers read their own account's entries; verifying the whole chain is
  // for provider admins, finance and auditors (docs/decisions/0007-audit-log.md).
  'audit:read',
  'audit_chain:read',
  // A full export of one account (every record, as CSV and JSON): provider staff and the
  // seller's own admin (docs/exit-and-portability.md).
  'account_export:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Permissions whose use is refused to any actor that belongs to an account, whatever its role:
 * an account's auditor holds them (auditors read everything) but cannot use them. Verifying the
 * whole audit chain needs every account's entries.
 */
export const PROVIDER_SCOPE_ONLY: readonly Permission[] = ['audit_chain:read'];

/** Resources that are read-only by design: the audit log is append-only, an export is a read. */
export const READ_ONLY_RESOURCES: readonly string[] = ['audit', 'audit_chain', 'account_export'];

const READ_ALL: Permission[] = PERMISSIONS.filter((p) => p.endsWith(':read'));

/** What every seller role does with its own goods; seller admins also manage users and keys. */
const SELLER_OPERATIONS: readonly Permission[] = [
  'skus:read',
  'skus:write',
  'rate_cards:read',
  'quotes:read',
  'quotes:write',
  'inventory:read',
  'inventory:write',
  'inbound:read',
  'inbound:write',
  // Receiving and putaway progress on their own goods; the writes stay with warehouse staff.
  'warehouse_ops:read',
  'returns:read',
  'returns:write',
  'work_orders:read',
  'work_orders:write',
  'billing:read',
  'disputes:read',
  'disputes:write',
  'claims:read',
  'claims:write',
];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  operator: [
    'installation:read',
    'accounts:read',
    'warehouses:read',
    'skus:read',
    'skus:write',
    'rate_cards:read',
    'quotes:read',
    'inventory:read',
    'inventory:write',
    'inbound:read',
    'inbound:write',
    'warehouse_ops:read',
    'warehouse_ops:write',
    'returns:read',
    'returns:write',
    'work_orders:read',
    'work_orders:write',
    'account_export:read',
  ],
  // Finance keeps the price lists and each customer's plan, and quotes prospects.
  finance: [
    'installation:read',
    'accounts:read',
    'warehouses:read',
    'skus:read',
    'rate_cards:read',
    'rate_cards:write',
    'quotes:read',
    'quotes:write',
    'inventory:read',
    'inbound:read',
    'returns:read',
    'work_orders:read',
    'billing:read',
    'billing:write',
    'disputes:read',
    'disputes:write',
    'claims:read',
    'claims:write',
    'audit:read',
    'audit_chain:read',
    'account_export:read',
  ],
  seller_admin: [
    'installation:read',
    'accounts:read',
    'users:read',
    'users:write',
    'api_keys:read',
    'api_keys:write',
    'warehouses:read',
    'audit:read',
    'account_export:read',
    ...SELLER_OPERATIONS,
  ],
  seller_user: ['installation:read', 'accounts:read', 'warehouses:read', ...SELLER_OPERATIONS],
  auditor: READ_ALL,
};

/** @example can('seller_user', 'skus:write') // true */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** @example isRole('admin') // true */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Seller roles must belong to an account; provider roles must not; auditors may be either. */
export function roleAccountRule(role: Role, accountId: string | null): 'ok' | 'needs_account' | 'no_account' {
  if (SELLER_ROLES.includes(role)) return accountId ? 'ok' : 'needs_account';
  if (PROVIDER_ROLES.includes(role)) return accountId ? 'no_account' : 'ok';
  return 'ok';
}

/** Roles a user or key of `granter` may hand out: never more than its own reach. */
export function grantableRoles(granter: Role, granterAccountId: string | null): Role[] {
  if (granter === 'admin') return [...ROLES];
  if (granter === 'seller_admin' && granterAccountId) return ['seller_admin', 'seller_user', 'auditor'];
  return [];
}
