import { useCallback } from 'react';
import { useT } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/messages';

/** Returns a function that names a role in the current language. */
export function useRoleLabel(): (role: string) => string {
  const t = useT();
  return useCallback(
    (role: string) => {
      const key = `role.${role}`;
      return isMessageKey(key) ? t(key) : role;
    },
    [t],
  );
}
