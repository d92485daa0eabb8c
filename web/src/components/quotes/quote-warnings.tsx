import { Alert } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { localizedText } from '../../lib/localized-text';
import type { BilingualText } from '../../types';

/** What the seller should know before trusting the numbers (sample rates, DDP caveats, estimates). */
export function QuoteWarnings({ warnings }: { warnings: readonly BilingualText[] }) {
  const { t, locale } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <Alert
      data-testid="quote-warnings"
      type="warning"
      showIcon
      title={t('quote.warnings', { count: warnings.length })}
      description={
        <ul className="plain-list warning-list">
          {warnings.map((w) => (
            <li key={w.en}>{localizedText(w, locale)}</li>
          ))}
        </ul>
      }
    />
  );
}
