import { Alert, Flex, Layout, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { isApiError } from '../api';
import { Brand } from '../components/brand';
import { DownloadJsonButton } from '../components/download-json-button';
import { ErrorAlert } from '../components/error-alert';
import { LangSwitch } from '../components/lang-switch';
import { PageHeader } from '../components/page-header';
import { QuoteView } from '../components/quotes/quote-view';
import { useSharedQuote } from '../hooks/quote-queries';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';

/** A quote opened from a share link: no sign-in, read-only, same view as inside the portal. */
export function SharedQuotePage() {
  const { t, locale } = useI18n();
  const { token } = useParams();
  const quote = useSharedQuote(token);
  const saved = quote.data;

  return (
    <Layout className="public-layout">
      <Layout.Header className="app-header">
        <Flex align="center" justify="space-between" gap={12} className="app-header-inner">
          <Brand />
          <LangSwitch />
        </Flex>
      </Layout.Header>
      <Layout.Content className="app-content public-content">
        <PageHeader
          title={t('quote.sharedTitle')}
          extra={saved ? <DownloadJsonButton testId="quote-download" value={saved} fileName={`quote-${saved.quote.quoteDate}`} /> : null}
        >
          <Typography.Text type="secondary">
            {saved?.prospect_name ? `${t('quote.forProspect', { name: saved.prospect_name })} · ` : ''}
            {saved ? `${formatDateTime(saved.created_at, locale)} · ` : ''}
            {t('quote.sharedReadOnly')}
          </Typography.Text>
        </PageHeader>
        {quote.isError && isApiError(quote.error) && quote.error.status === 404 ? (
          <Alert
            data-testid="shared-quote-gone"
            type="warning"
            showIcon
            title={t('quote.sharedGone')}
            description={t('quote.sharedGoneHelp')}
          />
        ) : quote.isError ? (
          <ErrorAlert error={quote.error} />
        ) : null}
        {quote.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
        {saved ? <QuoteView saved={saved} /> : null}
      </Layout.Content>
      <Layout.Footer className="app-footer">Landed</Layout.Footer>
    </Layout>
  );
}
