import { Tag } from 'antd';
import { useT } from '../../i18n/i18n-context';
import type { CardChangeKind } from '../../types';

const COLOURS: Record<CardChangeKind, string> = { added: 'green', removed: 'red', changed: 'orange' };

/** Added / removed / changed, coloured like a code review. */
export function ChangeKindTag({ kind }: { kind: CardChangeKind }) {
  const t = useT();
  return (
    <Tag color={COLOURS[kind] ?? 'default'} data-kind={kind}>
      {t(`rateCards.change.${kind}`)}
    </Tag>
  );
}
