import type { MessageKey } from '../../i18n/messages';
import type { SkuCostPerUnit } from '../../types';

/** The components of a unit's landed cost, in the order goods travel, with their labels and colours. */
export const SKU_COST_PARTS: readonly { key: Exclude<keyof SkuCostPerUnit, 'total'>; label: MessageKey; colour: string }[] = [
  { key: 'firstLeg', label: 'quote.part.firstLeg', colour: '#1f5fbf' },
  { key: 'duties', label: 'quote.part.duties', colour: '#9b59b6' },
  { key: 'receiving', label: 'quote.part.receiving', colour: '#13a8a8' },
  { key: 'storage', label: 'quote.part.storage', colour: '#2f9e44' },
  { key: 'fulfilment', label: 'quote.part.fulfilment', colour: '#e8590c' },
  { key: 'returns', label: 'quote.part.returns', colour: '#c2255c' },
];
