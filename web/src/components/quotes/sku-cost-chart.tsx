import { Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { formatAmount } from '../../lib/format-money';
import type { QuoteResult } from '../../types';
import { type ChartOption, EChart } from '../echart';
import { SKU_COST_PARTS } from './sku-cost-parts';

const MAX_SKUS = 20;

/** Stacked per-unit cost of the SKUs that sell most (up to 20), so the expensive parts stand out. */
export function SkuCostChart({ quote }: { quote: QuoteResult }) {
  const { t, locale } = useI18n();
  const skus = useMemo(
    // Most units at the top: category axes draw the first item at the bottom.
    () =>
      [...quote.skus]
        .sort((a, b) => Number(b.unitsPerMonth) - Number(a.unitsPerMonth))
        .slice(0, MAX_SKUS)
        .reverse(),
    [quote.skus],
  );

  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, data: SKU_COST_PARTS.map((part) => t(part.label)) },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value) => formatAmount(String(value), quote.currency, locale),
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatAmount(String(v), quote.currency, locale) } },
      yAxis: { type: 'category', data: skus.map((s) => s.sellerSku), axisTick: { show: false } },
      series: SKU_COST_PARTS.map((part) => ({
        type: 'bar',
        name: t(part.label),
        stack: 'unit',
        barMaxWidth: 18,
        itemStyle: { color: part.colour },
        data: skus.map((s) => Number(s.perUnit[part.key])),
      })),
    }),
    [skus, t, locale, quote.currency],
  );

  if (skus.length === 0) return null;
  return (
    <div className="sku-cost-chart">
      <Typography.Text type="secondary">{t('quote.skuChart', { count: skus.length })}</Typography.Text>
      <EChart option={option} height={skus.length * 26 + 72} testId="quote-sku-chart" />
    </div>
  );
}
