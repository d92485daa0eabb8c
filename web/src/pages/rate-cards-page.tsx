import { type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { CardKindTag } from '../components/rate-cards/card-kind-tag';
import { StatusTag } from '../components/status-tag';
import { RATE_CARDS_KEY } from '../hooks/rate-card-queries';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../lib/localized-name';
import { useAccountScope } from '../session/account-scope';
import type { RateCard } from '../types';

export function RateCardsPage() {
  const { t, locale } = useI18n();
  const { accountById } = useAccountScope();
  const list = useCursorList<RateCard>(RATE_CARDS_KEY, '/v1/rate-cards', {});
  const byId = useMemo(() => new Map(list.rows.map((c) => [c.id, c])), [list.rows]);

  const columns = useMemo<TableColumnsType<RateCard>>(
    () => [
      {
        key: 'code',
        title: t('rateCards.col.code'),
        dataIndex: 'code',
        render: (v: string, card) => (
          <Link to={`/rate-cards/${card.id}`}>
            <Typography.Text strong>{v}</Typography.Text>
          </Link>
        ),
      },
      { key: 'name', title: t('rateCards.col.name'), render: (_, card) => localizedName(card, locale) },
      { key: 'kind', title: t('rateCards.col.kind'), dataIndex: 'kind', render: (v: string) => <CardKindTag kind={v} /> },
      {
        key: 'account',
        title: t('rateCards.col.account'),
        dataIndex: 'account_id',
        render: (id: string | null) => <OrDash>{id ? (accountById(id)?.code ?? null) : null}</OrDash>,
      },
      {
        key: 'base',
        title: t('rateCards.col.base'),
        dataIndex: 'base_card_id',
        render: (id: string | null) => {
          const base = id ? byId.get(id) : undefined;
          return <OrDash>{base ? <Link to={`/rate-cards/${base.id}`}>{base.code}</Link> : null}</OrDash>;
        },
      },
      { key: 'currency', title: t('rateCards.col.currency'), dataIndex: 'currency' },
      { key: 'status', title: t('rateCards.col.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
    ],
    [t, locale, accountById, byId],
  );

  return (
    <>
      <PageHeader title={t('rateCards.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('rateCards.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <PagedTable<RateCard>
        list={list}
        columns={columns}
        testId="rate-card-table"
        emptyText={t('rateCards.empty')}
        hideErrorWhileLoadingMore
      />
    </>
  );
}
