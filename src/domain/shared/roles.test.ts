import { describe, expect, it } from 'vitest';
import {
  can,
  grantableRoles,
  isRole,
  PERMISSIONS,
  type Permission,
  PROVIDER_ROLES,
  PROVIDER_SCOPE_ONLY,
  READ_ONLY_RESOURCES,
  type Role,
  ROLES,
  roleAccountRule,
  SELLER_ROLES,
} from './roles.js';

const READS = PERMISSIONS.filter((p) => p.endsWith(':read'));
const WRITES = PERMISSIONS.filter((p) => p.endsWith(':write'));
const allowed = (role: Role) => PERMISSIONS.filter((p) => can(role, p));

describe('permissions', () => {
  it('has a read and a write permission for every resource', () => {
    expect(READS.length).toBeGreaterThan(0);
    const writable = READS.map((p) => p.replace(':read', '')).filter((r) => !READ_ONLY_RESOURCES.includes(r));
    expect(writable).toEqual(WRITES.map((p) => p.replace(':write', '')));
  });

  it('lets an auditor read everything and change nothing', () => {
    for (const p of READS) expect(can('auditor', p), p).toBe(true);
    for (const p of WRITES) expect(can('auditor', p), p).toBe(false);
  });

  it('lets an admin do everything', () => {
    expect(allowed('admin')).toEqual([...PERMISSIONS]);
  });

  it('keeps seller staff from managing users or API keys', () => {
    for (const p of ['users:read', 'users:write', 'api_keys:read', 'api_keys:write'] as Permission[]) {
      expect(can('seller_user', p), p).toBe(false);
    }
    expect(can('seller_user', 'skus:read')).toBe(true);
    expect(can('seller_user', 'skus:write')).toBe(true);
  });

  it("lets a seller admin manage their team's users and API keys and the catalogue", () => {
    for (const p of ['users:read', 'users:write', 'api_keys:read', 'api_keys:write', 'skus:write'] as Permission[]) {
      expect(can('seller_admin', p), p).toBe(true);
    }
    expect(can('seller_admin', 'accounts:write')).toBe(false);
    expect(can('seller_admin', 'warehouses:write')).toBe(false);
  });

  it('lets an operator edit SKUs but not accounts, users or keys', () => {
    expect(can('operator', 'skus:write')).toBe(true);
    expect(can('operator', 'accounts:read')).toBe(true);
    expect(can('operator', 'accounts:write')).toBe(false);
    expect(can('operator', 'users:write')).toBe(false);
    expect(can('operator', 'api_keys:write')).toBe(false);
  });

  it('lets finance change only price lists, quotes, bills, disputes and claims', () => {
    const financeWrites = WRITES.filter((p) => can('finance', p));
    expect(financeWrites).toEqual(['rate_cards:write', 'quotes:write', 'billing:write', 'disputes:write', 'claims:write']);
    expect(can('finance', 'accounts:read')).toBe(true);
  });

  it('lets sellers read their bills, never run, finalize or credit them', () => {
    for (const role of ['seller_admin', 'seller_user'] as const) {
      expect(can(role, 'billing:read')).toBe(true);
      expect(can(role, 'billing:write')).toBe(false);
    }
    expect(can('operator', 'billing:read')).toBe(false);
  });

  it('lets sellers read the price lists and ask for quotes, never change a card', () => {
    for (const role of ['seller_admin', 'seller_user'] as const) {
      expect(can(role, 'rate_cards:read')).toBe(true);
      expect(can(role, 'rate_cards:write')).toBe(false);
      expect(can(role, 'quotes:write')).toBe(true);
    }
  });

  it.each(['accounts:write', 'warehouses:write', 'installation:write'] as Permission[])('grants %s to admin only', (permission) => {
    expect(ROLES.filter((r) => can(r, permission))).toEqual(['admin']);
  });

  it('lets every role see the installation, warehouses and SKUs', () => {
    for (const role of ROLES) {
      for (const p of ['installation:read', 'warehouses:read', 'skus:read'] as Permission[])
        expect(can(role, p), `${role} ${p}`).toBe(true);
    }
  });

  it('never grants a write without the matching read', () => {
    for (const role of ROLES) {
      for (const p of WRITES) {
        if (can(role, p)) expect(can(role, p.replace(':write', ':read') as Permission), `${role} ${p}`).toBe(true);
      }
    }
  });
});

describe('isRole', () => {
  it('knows the six roles and nothing else', () => {
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    for (const r of ['Admin', 'root', 'seller', '', 'toString', 'constructor']) expect(isRole(r), r).toBe(false);
  });

  it('splits roles into provider, seller and the auditor', () => {
    expect([...PROVIDER_ROLES, ...SELLER_ROLES, 'auditor'].sort()).toEqual([...ROLES].sort());
  });
});

describe('grantableRoles', () => {
  it('lets an admin grant any role', () => {
    expect(grantableRoles('admin', null).sort()).toEqual([...ROLES].sort());
  });

  it('lets a seller admin grant only seller roles and the auditor', () => {
    expect(grantableRoles('seller_admin', 'acct-1').sort()).toEqual(['auditor', 'seller_admin', 'seller_user']);
  });

  it('lets a seller admin without an account grant nothing', () => {
    expect(grantableRoles('seller_admin', null)).toEqual([]);
  });

  it.each(['operator', 'finance', 'seller_user', 'auditor'] as Role[])('lets %s grant nothing', (role) => {
    expect(grantableRoles(role, null)).toEqual([]);
    expect(grantableRoles(role, 'acct-1')).toEqual([]);
  });

  it('never lets a non-admin grant a permission it does not hold itself', () => {
    for (const granter of ROLES.filter((r) => r !== 'admin')) {
      for (const granted of grantableRoles(granter, 'acct-1')) {
        for (const p of PERMISSIONS) {
          // A permission refused to every account's actor grants nothing inside an account.
          if (can(granted, p) && !PROVIDER_SCOPE_ONLY.includes(p))
            expect(can(granter, p), `${granter} granting ${granted} (${p})`).toBe(true);
        }
      }
    }
  });

  it('returns a fresh list each time', () => {
    const roles = grantableRoles('admin', null);
    roles.pop();
    expect(grantableRoles('admin', null)).toHaveLength(ROLES.length);
  });
});

describe('roleAccountRule', () => {
  it.each([
    ['seller_admin', 'acct-1', 'ok'],
    ['seller_admin', null, 'needs_account'],
    ['seller_user', 'acct-1', 'ok'],
    ['seller_user', null, 'needs_account'],
    ['seller_user', '', 'needs_account'],
    ['admin', null, 'ok'],
    ['admin', 'acct-1', 'no_account'],
    ['operator', null, 'ok'],
    ['operator', 'acct-1', 'no_account'],
    ['finance', null, 'ok'],
    ['finance', 'acct-1', 'no_account'],
    ['auditor', null, 'ok'],
    ['auditor', 'acct-1', 'ok'],
  ] as [Role, string | null, string][])('%s with account %j → %s', (role, accountId, expected) => {
    expect(roleAccountRule(role, accountId)).toBe(expected);
  });
});
