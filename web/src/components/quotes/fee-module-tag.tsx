import { Tag } from 'antd';
import { useT } from '../../i18n/i18n-context';
import { moduleColour, moduleLabel } from '../../lib/fee-module';

/** A fee module, translated, in the colour its chart bar has. */
export function FeeModuleTag({ module }: { module: string }) {
  const t = useT();
  return (
    <Tag color={moduleColour(module)} data-module={module}>
      {moduleLabel(module, t)}
    </Tag>
  );
}
