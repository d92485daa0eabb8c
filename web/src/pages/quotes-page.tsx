import { PlusOutlined } from '@ant-design/icons';
import { Button, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { ShareStatusTag } from '../components/quotes/share-status-tag';
import { QUOTES_KEY } from '../hooks/quote-queries';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { formatMoney } from '../lib/format-money';
import { formatNumber } from '../lib/format-number';
import { localizedName } from '../lib/localized-name';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import type { QuoteSummary } from '../types';

export function QuotesPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { can } = useSession();
  const { listAccountId, accountById } = useAccountScope();
  const list = useCursorList<QuoteSummary>(QUOTES_KEY, '/v1/quotes', { account_id: listAccountId });

  const columns = useMemo<TableColumnsType<QuoteSummary>>(
    () => [
      {
        key: 'date',
        title: t('quotes.col.date'),
        dataIndex: 'created_at',
        render: (v: string, q) => <Link to={`/quotes/${q.id}`}>{formatDateTime(v, locale)}</Link>,
      },
      {
        key: 'for',
        title: t('quotes.col.for'),
        render: (_, q) => {
          if (q.account_id) {
            const account = accountById(q.account_id);
            return <OrDash>{account ? `${account.code} · ${localizedName(account, locale)}` : null}</OrDash>;
          }
          return (
            <span>
              <Tag>{t('quotes.prospectTag')}</Tag>
              {q.prospect_name || <Typography.Text type="secondary">{t('quotes.noName')}</Typography.Text>}
            </span>
          );
        },
      },
      {
        key: 'orders',
        title: t('quotes.col.ordersPerDay'),
        align: 'right',
        render: (_, q) => <OrDash>{q.orders_per_day ? formatNumber(q.orders_per_day, locale) : null}</OrDash>,
      },
      { key: 'skus', title: t('quotes.col.skus'), align: 'right', render: (_, q) => formatNumber(String(q.sku_count), locale) },
      {
        key: 'total',
        title: t('quotes.col.monthlyTotal'),
        align: 'right',
        render: (_, q) => <Typography.Text strong>{formatMoney(q.totals.monthly, locale)}</Typography.Text>,
      },
      {
        key: 'per_order',
        title: t('quotes.col.perOrder'),
        align: 'right',
        render: (_, q) => <OrDash>{q.totals.per_order ? formatMoney(q.totals.per_order, locale) : null}</OrDash>,
      },
      {
        key: 'per_unit',
        title: t('quotes.col.perUnit'),
        align: 'right',
        render: (_, q) => <OrDash>{q.totals.per_unit ? formatMoney(q.totals.per_unit, locale) : null}</OrDash>,
      },
      {
        key: 'cards',
        title: t('quotes.col.cards'),
        render: (_, q) =>
          q.card_versions.map((c) => (
            <Tag key={`${c.code}-${c.version}`}>
              {c.code} v{c.version}
            </Tag>
          )),
      },
      { key: 'share', title: t('quotes.col.share'), render: (_, q) => <ShareStatusTag share={q.share} /> },
    ],
    [t, locale, accountById],
  );

  return (
    <>
      <PageHeader
        title={t('quotes.title')}
        extra={
          can('quotes:write') ? (
            <Button data-testid="quote-new" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/quotes/new')}>
              {t('quotes.new')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('quotes.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <PagedTable<QuoteSummary>
        list={list}
        columns={columns}
        testId="quote-table"
        emptyText={t('quotes.empty')}
        onRow={(q) => ({ onDoubleClick: () => navigate(`/quotes/${q.id}`) })}
        hideErrorWhileLoadingMore
      />
    </>
  );
}
