import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { takeChoiceBeforeLogin } from '../i18n/initial-locale';
import { isLocale } from '../i18n/messages';
import type { Me } from '../types';
import { useSaveLocale } from './use-save-locale';

/**
 * When a user signs in (or the page loads signed in), show their saved language, unless they
 * just picked one on the login page: then that choice is saved to their profile instead.
 */
export function useLocaleSync(me: Me) {
  const { locale, setLocale } = useI18n();
  const save = useSaveLocale();
  const syncedFor = useRef<string | null>(null);
  const userId = me.user.id;
  const saved = me.user.locale;

  useEffect(() => {
    if (syncedFor.current === userId) return;
    syncedFor.current = userId;
    const chosen = takeChoiceBeforeLogin();
    if (chosen) {
      if (chosen !== saved) save.mutate(chosen);
      if (chosen !== locale) setLocale(chosen);
      return;
    }
    if (isLocale(saved) && saved !== locale) setLocale(saved);
  }, [userId, saved, locale, setLocale, save]);
}
