import { Alert, Descriptions, Flex, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { formatNumber } from '../../lib/format-number';
import { localizedText } from '../../lib/localized-text';
import type { FeeLine } from '../../types';

function inputValue(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return String(value);
}

/** The expanded row of a fee line: where its rule comes from and every fact it read. */
export function FeeLineDetails({ line }: { line: FeeLine }) {
  const { t, locale } = useI18n();
  const inputs = Object.entries(line.inputs ?? {});
  return (
    <Flex vertical gap={12} className="fee-line-details">
      <div>
        <Typography.Text type="secondary">{t('quote.rule')}: </Typography.Text>
        <Typography.Text code data-testid="fee-line-rule">
          {line.rule.cardCode} v{line.rule.cardVersion} · {line.rule.ruleId}
        </Typography.Text>
      </div>
      <Typography.Text type="secondary">
        {t('quote.rounding', { mode: line.rounding, precise: formatNumber(line.preciseAmount, locale, 10) })}
      </Typography.Text>
      {inputs.length > 0 ? (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          title={<span className="fee-line-inputs-title">{t('quote.inputs')}</span>}
          items={inputs.map(([key, value]) => ({
            key,
            label: <code>{key}</code>,
            children: <span className="break-all">{inputValue(value)}</span>,
          }))}
        />
      ) : null}
      {line.warnings?.length ? (
        <Alert
          type="warning"
          showIcon
          title={
            <ul className="plain-list">
              {line.warnings.map((w) => (
                <li key={w.en}>{localizedText(w, locale)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Flex>
  );
}
