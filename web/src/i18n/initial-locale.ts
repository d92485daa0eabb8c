import type { Locale } from '../types';
import { isLocale } from './messages';

const STORAGE_KEY = 'landed.locale';

/** The last language chosen on this device, else Chinese for a Chinese browser, else English. */
export function initialLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  const browser = typeof navigator !== 'undefined' ? (navigator.language ?? '') : '';
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function readStoredLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice still lasts for this page.
  }
}

/**
 * A language picked on the login page (before anyone is signed in). It wins over the
 * language stored on the user, and is then saved to the user, once.
 */
let choiceBeforeLogin: Locale | null = null;

export function markChoiceBeforeLogin(locale: Locale): void {
  choiceBeforeLogin = locale;
}

export function takeChoiceBeforeLogin(): Locale | null {
  const choice = choiceBeforeLogin;
  choiceBeforeLogin = null;
  return choice;
}
