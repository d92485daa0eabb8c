/**
 * Kits: a kit SKU is built from component SKUs of the same seller (a gift set of a mug and
 * two coasters). Building N kits consumes N × each component's quantity; dekitting gives
 * them back. Pure rules for the recipe and the arithmetic.
 */
import type { ErrorDetail } from '../shared/errors.js';

export interface KitComponentInput {
  skuId: string;
  quantity: number;
}

export const MAX_KIT_COMPONENTS = 50;
export const MAX_COMPONENT_QUANTITY = 10_000;

/**
 * Checks a kit's recipe: at least one component, none twice, not the kit itself, whole
 * positive quantities. Kits are one level deep: a component may not itself be a kit, and a
 * kit may not be a component of another (`kits` and `components` are the SKUs already used
 * as such elsewhere in the account).
 *
 * @example validateKitRecipe('kit', [{ skuId: 'kit', quantity: 1 }], { kits: new Set(), components: new Set() })
 *   // [{ path: ['components', 0, 'sku_id'], code: 'kit_in_itself', … }]
 */
export function validateKitRecipe(
  kitSkuId: string,
  components: readonly KitComponentInput[],
  existing: { kits: ReadonlySet<string>; components: ReadonlySet<string> },
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (components.length === 0) {
    errors.push({
      path: ['components'],
      code: 'required',
      message: 'A kit needs at least one component.',
      messages: { en: 'A kit needs at least one component.', zh: '组套至少需要一个组件。' },
    });
  }
  if (components.length > MAX_KIT_COMPONENTS) {
    errors.push({ path: ['components'], code: 'too_many', message: `A kit has at most ${MAX_KIT_COMPONENTS} components.` });
  }
  if (existing.components.has(kitSkuId)) {
    errors.push({
      path: ['kit_sku_id'],
      code: 'nested_kit',
      message: 'This SKU is a component of another kit; kits are one level deep.',
      messages: { en: 'This SKU is a component of another kit.', zh: '该 SKU 已是其他组套的组件，组套不能嵌套。' },
    });
  }
  const seen = new Map<string, number>();
  components.forEach((c, i) => {
    const path = (field: string) => ['components', i, field];
    if (c.skuId === kitSkuId) {
      errors.push({
        path: path('sku_id'),
        code: 'kit_in_itself',
        message: 'A kit cannot be a component of itself.',
        messages: { en: 'A kit cannot contain itself.', zh: '组套不能包含自身。' },
      });
    } else if (existing.kits.has(c.skuId)) {
      errors.push({
        path: path('sku_id'),
        code: 'nested_kit',
        message: 'This component is itself a kit; kits are one level deep.',
        messages: { en: 'This component is itself a kit.', zh: '该组件本身是组套，组套不能嵌套。' },
      });
    }
    const first = seen.get(c.skuId);
    if (first !== undefined) {
      errors.push({
        path: path('sku_id'),
        code: 'duplicate',
        message: `The component is already on line ${first + 1}; raise its quantity there.`,
        messages: { en: 'This component is listed twice.', zh: '组件重复填写。' },
      });
    } else seen.set(c.skuId, i);
    if (!Number.isInteger(c.quantity) || c.quantity < 1 || c.quantity > MAX_COMPONENT_QUANTITY) {
      errors.push({
        path: path('quantity'),
        code: 'invalid_quantity',
        message: `Quantity per kit must be a whole number from 1 to ${MAX_COMPONENT_QUANTITY} (got ${c.quantity}).`,
        messages: { en: 'Quantity per kit must be a whole number of at least 1.', zh: '每套数量必须是不小于 1 的整数。' },
      });
    }
  });
  return errors;
}

/**
 * Units of each component that `kits` kits take (or give back when dekitted).
 * @example componentUnits([{ skuId: 'mug', quantity: 1 }, { skuId: 'coaster', quantity: 2 }], 5)
 *   // [{ skuId: 'mug', units: 5 }, { skuId: 'coaster', units: 10 }]
 */
export function componentUnits(components: readonly KitComponentInput[], kits: number): { skuId: string; units: number }[] {
  return components.map((c) => ({ skuId: c.skuId, units: c.quantity * kits }));
}
