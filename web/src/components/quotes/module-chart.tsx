import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { moduleColour, moduleLabel } from '../../lib/fee-module';
import { formatAmount, formatMoney } from '../../lib/format-money';
import type { QuoteResult } from '../../types';
import { type ChartOption, EChart } from '../echart';

/** Monthly cost by fee module as horizontal bars, largest first (a discount shows as a bar to the left). */
export function ModuleChart({ quote }: { quote: QuoteResult }) {
  const { t, locale } = useI18n();
  const rows = useMemo(() => [...quote.byModule].sort((a, b) => Number(a.total.amount) - Number(b.total.amount)), [quote.byModule]);

  const option = useMemo<ChartOption>(() => {
    const byLabel = new Map(rows.map((row) => [moduleLabel(row.module, t), row]));
    return {
      grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const name = (params as { name?: string }).name ?? '';
          const row = byLabel.get(name);
          return row ? `${name}<br/><b>${formatMoney(row.total, locale)}</b>` : name;
        },
      },
      xAxis: {
        type: 'value',
        // A small discount should not stretch the axis to a round negative number.
        min: (extent: { min: number }) => Math.min(0, Math.floor(extent.min)),
        axisLabel: { formatter: (v: number) => formatAmount(String(Math.round(v)), quote.currency, locale) },
      },
      yAxis: { type: 'category', data: rows.map((row) => moduleLabel(row.module, t)), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: rows.map((row) => ({ value: Number(row.total.amount), itemStyle: { color: moduleColour(row.module) } })),
          label: {
            show: true,
            position: 'right',
            formatter: (params: unknown) => {
              const row = rows[(params as { dataIndex: number }).dataIndex];
              return row ? formatMoney(row.total, locale) : '';
            },
          },
        },
      ],
    };
  }, [rows, t, locale, quote.currency]);

  return <EChart option={option} height={Math.max(160, rows.length * 30 + 24)} testId="quote-module-chart" />;
}
