import { Descriptions } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { isMessageKey } from '../../i18n/messages';
import { formatNumber } from '../../lib/format-number';
import { fractionToPercent } from '../../lib/percent';
import type { SavedQuoteRequest } from '../../types';

/** The request as quoted (volumes, origin, lane, stock cover, returns…), so a reader knows what the numbers assume. */
export function QuoteAssumptions({ request }: { request: SavedQuoteRequest }) {
  const { t, locale } = useI18n();
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
  const dash = '—';
  const items = [
    { key: 'orders', label: t('quote.a.ordersPerDay'), children: request.ordersPerDay ? formatNumber(request.ordersPerDay, locale) : dash },
    {
      key: 'channels',
      label: t('quote.a.channels'),
      children: request.channels?.length ? request.channels.map((c) => label('channel', c)).join(', ') : dash,
    },
    { key: 'origin', label: t('quote.a.origin'), children: request.originWarehouse ?? dash },
    { key: 'lane', label: t('quote.a.lane'), children: request.firstLegLane ?? t('quote.a.noLane') },
    {
      key: 'destinations',
      label: t('quote.a.destinations'),
      children: t('quote.a.destinationsValue', { count: request.destinations?.length ?? 0 }),
    },
    { key: 'skus', label: t('quote.a.skus'), children: request.skus?.length ?? 0 },
    {
      key: 'residential',
      label: t('quote.a.residential'),
      children: `${fractionToPercent(request.residentialShare ?? '1')}%`,
    },
    {
      key: 'promise',
      label: t('quote.a.promise'),
      children: request.deliveryPromiseDays ? t('quote.a.days', { count: request.deliveryPromiseDays }) : dash,
    },
    { key: 'cover', label: t('quote.a.stockCover'), children: t('quote.a.days', { count: request.stockCoverDays ?? 30 }) },
    {
      key: 'returns',
      label: t('quote.a.returns'),
      children: t('quote.a.returnsValue', {
        percent: fractionToPercent(request.returnRate ?? '0'),
        disposition: label('disposition', request.returnDisposition ?? 'restock'),
      }),
    },
    { key: 'insurance', label: t('quote.a.insurance'), children: request.insurance ? t('common.yes') : t('common.no') },
  ];
  return <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} data-testid="quote-assumptions" />;
}
