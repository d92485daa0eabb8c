import type { BilingualText, Locale } from '../types';

/** @example localizedText({ en: 'Storage', zh: '仓储费' }, 'zh-CN') // '仓储费' */
export function localizedText(text: BilingualText | null | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'zh-CN' ? text.zh || text.en : text.en || text.zh) ?? '';
}
