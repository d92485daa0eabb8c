import { CopyOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useQuote, useShareQuote } from '../../hooks/quote-queries';
import { useI18n } from '../../i18n/i18n-context';
import { copyText } from '../../lib/copy-text';
import { formatDateTime } from '../../lib/format-date';
import type { QuoteShareLink } from '../../types';
import { ErrorAlert } from '../error-alert';
import { RevokeShareButton } from './revoke-share-button';
import { ShareStatusTag } from './share-status-tag';

const SHARE_DAYS = 14;

/**
 * Creates a read-only link (14 days) and shows it once, with a copy button; shows whether the
 * quote's link is active or expired, and revokes it.
 */
export function ShareQuoteButton({ quoteId }: { quoteId: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const share = useShareQuote(quoteId);
  // The page has loaded the quote already: its share status comes from the same cache entry.
  const status = useQuote(quoteId).data?.share;
  const [link, setLink] = useState<QuoteShareLink | null>(null);
  const url = link ? `${window.location.origin}/shared/quotes/${link.token}` : '';

  const create = () => {
    share.mutate(SHARE_DAYS, { onSuccess: setLink });
  };
  const copy = async () => {
    if (await copyText(url)) message.success(t('common.copied'));
    else message.warning(t('common.copyFailed'));
  };
  const close = () => {
    setLink(null);
    share.reset();
  };

  return (
    <>
      {status ? <ShareStatusTag share={status} /> : null}
      <Button data-testid="quote-share" icon={<ShareAltOutlined />} loading={share.isPending} onClick={create}>
        {t('quote.share')}
      </Button>
      {status?.status === 'active' && link === null ? <RevokeShareButton quoteId={quoteId} /> : null}
      <Modal
        open={link !== null || share.isError}
        title={t('quote.share.title')}
        onCancel={close}
        footer={<Button onClick={close}>{t('common.close')}</Button>}
        destroyOnHidden
      >
        {share.isError ? <ErrorAlert error={share.error} /> : null}
        {link ? (
          <Flex vertical gap={12}>
            <Typography.Text>{t('quote.share.help', { date: formatDateTime(link.expires_at, locale) ?? link.expires_at })}</Typography.Text>
            <Flex gap={8} align="start">
              <code data-testid="quote-share-url" className="secret-text">
                {url}
              </code>
              <Button data-testid="quote-share-copy" icon={<CopyOutlined />} onClick={() => void copy()}>
                {t('common.copy')}
              </Button>
            </Flex>
            <Alert type="info" showIcon title={t('quote.share.once')} />
            <div>
              <RevokeShareButton quoteId={quoteId} onRevoked={close} />
            </div>
          </Flex>
        ) : null}
      </Modal>
    </>
  );
}
