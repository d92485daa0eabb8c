import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { CardKindTag } from '../components/rate-cards/card-kind-tag';
import { UploadVersionModal } from '../components/rate-cards/upload-version-modal';
import { VersionDiff } from '../components/rate-cards/version-diff';
import { VersionHistoryTable } from '../components/rate-cards/version-history-table';
import { VersionViewer } from '../components/rate-cards/version-viewer';
import { StatusTag } from '../components/status-tag';
import { useRateCard } from '../hooks/rate-card-queries';
import { useI18n } from '../i18n/i18n-context';
import { effectiveVersion, latestVersion } from '../lib/effective-version';
import { todayIso } from '../lib/format-date';
import { localizedName } from '../lib/localized-name';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';

/** One rate card: its versions, what changed between two of them, a version's contents, and (for finance) a new version. */
export function RateCardPage() {
  const { t, locale } = useI18n();
  const { id } = useParams();
  const { can } = useSession();
  const { accountById } = useAccountScope();
  const card = useRateCard(id);
  const base = useRateCard(card.data?.base_card_id ?? undefined);
  const [viewing, setViewing] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);

  const data = card.data;
  const versions = data?.versions ?? [];
  const inEffect = effectiveVersion(versions, todayIso())?.version ?? null;
  const shown = viewing ?? inEffect ?? latestVersion(versions)?.version ?? null;
  const canWrite = can('rate_cards:write');
  const account = data?.account_id ? accountById(data.account_id) : undefined;

  return (
    <>
      <PageHeader
        title={data ? `${data.code} · ${localizedName(data, locale)}` : t('rateCards.title')}
        extra={
          <>
            <Link to="/rate-cards">
              <Button icon={<ArrowLeftOutlined />}>{t('rateCards.back')}</Button>
            </Link>
            {data && canWrite ? (
              <Button data-testid="rate-card-upload" type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
                {t('rateCards.upload')}
              </Button>
            ) : null}
          </>
        }
      >
        {data ? (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 5 }}
            style={{ marginTop: 12 }}
            items={[
              { key: 'kind', label: t('rateCards.col.kind'), children: <CardKindTag kind={data.kind} /> },
              { key: 'currency', label: t('rateCards.col.currency'), children: data.currency },
              { key: 'status', label: t('rateCards.col.status'), children: <StatusTag status={data.status} /> },
              ...(data.kind === 'account_plan'
                ? [
                    {
                      key: 'account',
                      label: t('rateCards.col.account'),
                      children: <OrDash>{account?.code ? `${account.code} · ${localizedName(account, locale)}` : null}</OrDash>,
                    },
                    {
                      key: 'base',
                      label: t('rateCards.col.base'),
                      children: <OrDash>{base.data ? <Link to={`/rate-cards/${base.data.id}`}>{base.data.code}</Link> : null}</OrDash>,
                    },
                  ]
                : []),
            ]}
          />
        ) : null}
      </PageHeader>
      {card.isError ? <ErrorAlert error={card.error} onRetry={() => void card.refetch()} /> : null}
      {card.isPending ? <Skeleton active /> : null}
      {data ? (
        <Flex vertical gap={16}>
          <Card size="small" title={t('rateCards.versions')}>
            <VersionHistoryTable versions={versions} inEffect={inEffect} viewing={shown} onView={setViewing} />
          </Card>
          <Card size="small" title={t('rateCards.compare')}>
            <VersionDiff cardId={data.id} versions={versions} />
          </Card>
          <Card size="small" title={shown ? t('rateCards.viewer', { version: shown }) : t('rateCards.viewerTitle')}>
            <VersionViewer card={data} versions={versions} version={shown} onVersionChange={setViewing} />
          </Card>
          {canWrite ? (
            <UploadVersionModal
              card={data}
              open={uploading}
              onClose={() => setUploading(false)}
              onPublished={(version) => {
                setUploading(false);
                setViewing(version.version);
              }}
            />
          ) : null}
        </Flex>
      ) : null}
    </>
  );
}
