import type { Locale } from '../types';

/** Picks the name in the viewer's language, falling back to the other. */
export function localizedName(item: { name: string; name_zh?: string | null }, locale: Locale): string {
  if (locale === 'zh-CN') return item.name_zh?.trim() || item.name;
  return item.name?.trim() || item.name_zh || '';
}

/** @example skuTitle({ title_en: null, title_zh: '杯子' }, 'en') // '杯子' */
export function skuTitle(sku: { title_en: string | null; title_zh: string | null }, locale: Locale): string {
  const en = sku.title_en?.trim() || null;
  const zh = sku.title_zh?.trim() || null;
  return (locale === 'zh-CN' ? (zh ?? en) : (en ?? zh)) ?? '';
}
