import { Alert, Button } from 'antd';
import { isApiError } from '../api';
import { useI18n } from '../i18n/i18n-context';

/** Shows a failed request: the server's message, and its code so support can look it up. */
export function ErrorAlert({ error, onRetry, testId = 'error-alert' }: { error: unknown; onRetry?: () => void; testId?: string }) {
  const { t, locale } = useI18n();
  const api = isApiError(error) ? error : null;
  const network = api?.code === 'network_error';
  const title = network ? t('error.network') : (api?.message ?? (error instanceof Error ? error.message : t('error.title')));
  const code = api?.code;
  const details = api?.details ?? [];
  return (
    <Alert
      data-testid={testId}
      type="error"
      showIcon
      title={title}
      description={
        code || details.length > 0 ? (
          <>
            {code && <div className="error-code">{t('error.code', { code })}</div>}
            {details.length > 0 && (
              <ul className="error-details">
                {details.slice(0, 20).map((d, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: details have no identity
                  <li key={i}>
                    {d.path?.length ? <code>{d.path.join('.')}</code> : d.field ? <code>{d.field}</code> : null}{' '}
                    {(locale === 'zh-CN' ? d.messages?.zh : d.messages?.en) ?? d.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
