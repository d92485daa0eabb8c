import { ArrowLeftOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Skeleton, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { DownloadJsonButton } from '../components/download-json-button';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { QuoteView } from '../components/quotes/quote-view';
import { ShareQuoteButton } from '../components/quotes/share-quote-button';
import { useQuote } from '../hooks/quote-queries';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { localizedName } from '../lib/localized-name';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { SavedQuote } from '../types';

function useQuoteFor(saved: SavedQuote | undefined): string | null {
  const { t, locale } = useI18n();
  const { accountById } = useAccountScope();
  if (!saved) return null;
  if (saved.account_id) {
    const account = accountById(saved.account_id);
    return account?.code ? t('quote.forAccount', { account: `${account.code} · ${localizedName(account, locale)}` }) : null;
  }
  return t('quote.forProspect', { name: saved.prospect_name || t('quotes.noName') });
}

/** A saved quote, with its share link and its Excel, PDF and JSON downloads. */
export function QuotePage() {
  const { t, locale } = useI18n();
  const { id } = useParams();
  const { can } = useSession();
  const quote = useQuote(id);
  const saved = quote.data;
  const forText = useQuoteFor(saved);

  return (
    <>
      <PageHeader
        title={saved ? t('quote.title', { date: formatDateTime(saved.created_at, locale) ?? '' }) : t('quote.titlePlain')}
        extra={
          <>
            <Link to="/quotes">
              <Button icon={<ArrowLeftOutlined />}>{t('quotes.back')}</Button>
            </Link>
            {saved && can('quotes:write') ? <ShareQuoteButton quoteId={saved.id} /> : null}
            {saved ? (
              <a href={`/v1/quotes/${saved.id}/workbook?lang=${locale === 'zh-CN' ? 'zh' : 'en'}`} data-testid="quote-download-xlsx">
                <Button icon={<FileExcelOutlined />}>{t('quote.downloadXlsx')}</Button>
              </a>
            ) : null}
            {saved ? (
              <a href={`/v1/quotes/${saved.id}/pdf?lang=${locale}`} data-testid="quote-download-pdf">
                <Button icon={<FilePdfOutlined />}>{t('quote.downloadPdf')}</Button>
              </a>
            ) : null}
            {saved ? (
              <DownloadJsonButton
                testId="quote-download"
                value={saved}
                fileName={`quote-${saved.quote.quoteDate}-${saved.id.slice(0, 8)}`}
              />
            ) : null}
          </>
        }
      >
        {forText ? (
          <Typography.Text type="secondary" data-testid="quote-for">
            {forText}
          </Typography.Text>
        ) : null}
      </PageHeader>
      {quote.isError ? <ErrorAlert error={quote.error} onRetry={() => void quote.refetch()} /> : null}
      {quote.isPending && id ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {saved ? <QuoteView saved={saved} /> : null}
    </>
  );
}
