import { Tag } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../lib/format-date';
import type { QuoteShareStatus } from '../../types';

/** A quote's read-only link at a glance: active until a date, expired, or not shared (never, or revoked). */
export function ShareStatusTag({ share }: { share: QuoteShareStatus }) {
  const { t, locale } = useI18n();
  const date = share.expires_at ? (formatDateTime(share.expires_at, locale) ?? share.expires_at) : '';
  if (share.status === 'active')
    return (
      <Tag color="green" data-testid="quote-share-status">
        {t('quote.share.status.active', { date })}
      </Tag>
    );
  if (share.status === 'expired')
    return (
      <Tag color="default" data-testid="quote-share-status">
        {t('quote.share.status.expired', { date })}
      </Tag>
    );
  return (
    <Tag bordered={false} data-testid="quote-share-status">
      {t('quote.share.status.none')}
    </Tag>
  );
}
