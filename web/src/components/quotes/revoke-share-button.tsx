import { StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useRevokeQuoteShare } from '../../hooks/quote-queries';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorAlert } from '../error-alert';

/** Revokes a quote's read-only link (DELETE /v1/quotes/:id/share) after a confirmation; the old link stops working at once. */
export function RevokeShareButton({ quoteId, onRevoked }: { quoteId: string; onRevoked?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const revoke = useRevokeQuoteShare(quoteId);
  return (
    <>
      <Popconfirm
        title={t('quote.share.revokeConfirm')}
        description={<div style={{ maxWidth: 320 }}>{t('quote.share.revokeHelp')}</div>}
        okText={t('quote.share.revoke')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, ...({ 'data-testid': 'quote-share-revoke-confirm' } as object) }}
        onConfirm={() =>
          revoke
            .mutateAsync()
            .then(() => {
              message.success(t('quote.share.revoked'));
              onRevoked?.();
            })
            .catch(() => undefined)
        }
      >
        <Button data-testid="quote-share-revoke" danger icon={<StopOutlined />} loading={revoke.isPending}>
          {t('quote.share.revoke')}
        </Button>
      </Popconfirm>
      {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
    </>
  );
}
