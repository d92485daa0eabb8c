/**
 * What changed between two versions of a rate card, as a list a provider can read and a
 * seller can trust: each change names its path, with the value before and after. Arrays of
 * records that carry an `id` or `code` are compared by that key, so reordering rules is not
 * a change and a changed rate points at its rule, not at an index.
 */

export type CardChange =
  | { kind: 'added'; path: string; after: unknown }
  | { kind: 'removed'; path: string; before: unknown }
  | { kind: 'changed'; path: string; before: unknown; after: unknown };

/**
 * @example diffDocuments({ rules: [{ id: 'pick', rate: '0.25' }] }, { rules: [{ id: 'pick', rate: '0.30' }] })
 * // [{ kind: 'changed', path: 'rules[pick].rate', before: '0.25', after: '0.30' }]
 */
export function diffDocuments(before: unknown, after: unknown, path = ''): CardChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, path);
  if (isRecord(before) && isRecord(after)) {
    const changes: CardChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in after)) changes.push({ kind: 'removed', path: child, before: before[key] });
      else if (!(key in before)) changes.push({ kind: 'added', path: child, after: after[key] });
      else changes.push(...diffDocuments(before[key], after[key], child));
    }
    return changes;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ kind: 'changed', path, before, after }];
}

function diffArrays(before: unknown[], after: unknown[], path: string): CardChange[] {
  const key = keyOf(before) ?? keyOf(after);
  if (!key) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ kind: 'changed', path, before, after }];
  }
  const index = (list: unknown[]) => new Map(list.map((item) => [String((item as Record<string, unknown>)[key]), item]));
  const left = index(before);
  const right = index(after);
  const changes: CardChange[] = [];
  for (const [id, item] of left) {
    const child = `${path}[${id}]`;
    if (!right.has(id)) changes.push({ kind: 'removed', path: child, before: item });
    else changes.push(...diffDocuments(item, right.get(id), child));
  }
  for (const [id, item] of right) if (!left.has(id)) changes.push({ kind: 'added', path: `${path}[${id}]`, after: item });
  return changes;
}

/** The identifying key of an array of records: `id`, `code` or `ruleId` (plan overrides), when every element has it, uniquely. */
function keyOf(list: unknown[]): 'id' | 'code' | 'ruleId' | undefined {
  if (list.length === 0 || !list.every(isRecord)) return undefined;
  for (const key of ['id', 'code', 'ruleId'] as const) {
    const values = list.map((item) => (item as Record<string, unknown>)[key]);
    if (values.every((v) => typeof v === 'string' || typeof v === 'number') && new Set(values).size === values.length) return key;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
