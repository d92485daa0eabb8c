import type { Locale } from '../types';
import { en, type MessageKey, type Messages } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const DICTIONARIES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** @example translate('en', 'common.shown', { count: 3 }) // '3 shown' */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const template = DICTIONARIES[locale][key] ?? en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Narrows a dynamic key such as `flag.${flag}` to a known one. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}
