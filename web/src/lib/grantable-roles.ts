import { PROVIDER_ROLES, ROLES, type Role, SELLER_ROLES } from '../types';

/**
 * Roles a user may give a new API key owned by `ownerAccountId` (null = provider-wide).
 * Mirrors the server: admins grant anything, seller admins grant seller roles and auditor,
 * and a key's role must suit its owner (seller roles need an account, provider roles none).
 * The server has the final word; this only keeps impossible choices out of the form.
 */
export function grantableKeyRoles(granter: Role, granterAccountId: string | null, ownerAccountId: string | null): Role[] {
  let allowed: readonly Role[] = [];
  if (granter === 'admin') allowed = ROLES;
  else if (granter === 'seller_admin' && granterAccountId) allowed = ['seller_admin', 'seller_user', 'auditor'];
  return allowed.filter((role) => {
    if (SELLER_ROLES.includes(role)) return ownerAccountId !== null;
    if (PROVIDER_ROLES.includes(role)) return ownerAccountId === null;
    return true;
  });
}
