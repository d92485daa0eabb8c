import { Flex, Select, Skeleton, Typography } from 'antd';
import { useRateCardVersion } from '../../hooks/rate-card-queries';
import { useI18n } from '../../i18n/i18n-context';
import { formatDay } from '../../lib/format-date';
import type { RateCard, RateCardVersion } from '../../types';
import { DownloadJsonButton } from '../download-json-button';
import { ErrorAlert } from '../error-alert';
import { PlanDocumentView } from './plan-document-view';
import { StandardDocumentView } from './standard-document-view';

/** One version's document, read as tables, with its JSON export. */
export function VersionViewer({
  card,
  versions,
  version,
  onVersionChange,
}: {
  card: RateCard;
  versions: readonly RateCardVersion[];
  version: number | null;
  onVersionChange: (version: number) => void;
}) {
  const { t, locale } = useI18n();
  const loaded = useRateCardVersion(card.id, version);
  const data = loaded.data;
  const doc = data?.document;
  const options = [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({ value: v.version, label: `v${v.version} · ${formatDay(v.effective_from, locale)}` }));

  if (version === null) return <Typography.Text type="secondary">{t('rateCards.noVersions')}</Typography.Text>;
  return (
    <Flex vertical gap={16} data-testid="rate-card-version-viewer">
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('rateCards.pickVersion')}</Typography.Text>
        <Select
          data-testid="rate-card-version-select"
          value={version}
          onChange={onVersionChange}
          options={options}
          style={{ minWidth: 200 }}
        />
        {data?.notes ? <Typography.Text type="secondary">{data.notes}</Typography.Text> : null}
        <span className="push-right" />
        {doc ? <DownloadJsonButton testId="rate-card-download" value={doc} fileName={`${card.code}-v${version}`} /> : null}
      </Flex>
      {loaded.isError ? <ErrorAlert error={loaded.error} onRetry={() => void loaded.refetch()} /> : null}
      {loaded.isPending ? <Skeleton active /> : null}
      {doc?.kind === 'standard' ? <StandardDocumentView document={doc} /> : null}
      {doc?.kind === 'account_plan' ? <PlanDocumentView document={doc} currency={card.currency} /> : null}
    </Flex>
  );
}
