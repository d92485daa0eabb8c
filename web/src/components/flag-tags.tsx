import { Tag } from 'antd';
import { useT } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/messages';

const FLAG_COLOURS: Record<string, string> = {
  battery: 'red',
  liquid: 'blue',
  powder: 'gold',
  magnetic: 'purple',
  fda_regulated: 'green',
  fragile: 'orange',
};

/** Handling flags as coloured tags, translated. */
export function FlagTags({ flags }: { flags: readonly string[] }) {
  const t = useT();
  if (flags.length === 0) return null;
  return (
    <span className="flag-tags">
      {flags.map((flag) => {
        const key = `flag.${flag}`;
        return (
          <Tag key={flag} color={FLAG_COLOURS[flag] ?? 'default'} data-flag={flag}>
            {isMessageKey(key) ? t(key) : flag}
          </Tag>
        );
      })}
    </span>
  );
}
