import { isMessageKey, type Translate } from '../i18n/messages';

/** One colour per fee module, shared by tags and charts so a module looks the same everywhere. */
const MODULE_COLOURS: Record<string, string> = {
  first_leg: '#1f5fbf',
  customs_brokerage: '#6b7bd6',
  duties: '#9b59b6',
  receiving: '#13a8a8',
  putaway: '#52c4b4',
  storage: '#2f9e44',
  long_term_storage: '#82c91e',
  handling: '#f08c00',
  packaging: '#f5b041',
  postage: '#e8590c',
  returns: '#c2255c',
  value_added: '#5c7cfa',
  operations: '#748ffc',
  insurance: '#845ef7',
  exit: '#868e96',
  discount: '#37b24d',
  minimum: '#495057',
  fx: '#adb5bd',
};

export function moduleColour(module: string): string {
  return MODULE_COLOURS[module] ?? '#8c8c8c';
}

/** @example moduleLabel('postage', t) // 'Last-mile postage' / '尾程运费' */
export function moduleLabel(module: string, t: Translate): string {
  const key = `module.${module}`;
  return isMessageKey(key) ? t(key) : module;
}
