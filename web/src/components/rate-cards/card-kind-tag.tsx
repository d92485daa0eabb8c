import { Tag } from 'antd';
import { useT } from '../../i18n/i18n-context';
import { isMessageKey } from '../../i18n/messages';

const KIND_COLOURS: Record<string, string> = { standard: 'blue', account_plan: 'purple' };

/** Standard card or account plan. */
export function CardKindTag({ kind }: { kind: string }) {
  const t = useT();
  const key = `rateCards.kind.${kind}`;
  return <Tag color={KIND_COLOURS[kind] ?? 'default'}>{isMessageKey(key) ? t(key) : kind}</Tag>;
}
