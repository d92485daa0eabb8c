import { useMemo } from 'react';
import { useT } from '../../i18n/i18n-context';
import type { AgeingReport } from '../../types-inventory';
import { type ChartOption, EChart } from '../echart';

const BANDS = ['0-90', '91-180', '181-270', '271-365', '365+'] as const;
// Young stock calm, old stock loud: the bands that cost surcharges stand out.
const COLOURS = ['#8fb8ea', '#4f8fdc', '#f0b44c', '#e8793a', '#c7402d'];

/** Units by age band, one stacked bar per warehouse. */
export function AgeingChart({ report }: { report: AgeingReport }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const warehouses = [...new Set(report.bands.map((b) => b.warehouse_code))].sort();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: warehouses },
      yAxis: { type: 'value', name: t('inventory.ageing.units') },
      series: BANDS.map((band, i) => ({
        name: t('inventory.ageing.band', { band }),
        type: 'bar',
        stack: 'units',
        itemStyle: { color: COLOURS[i] },
        data: warehouses.map((w) => report.bands.find((b) => b.warehouse_code === w && b.band === band)?.units ?? 0),
      })),
    } as ChartOption;
  }, [report, t]);
  return <EChart option={option} height={300} testId="ageing-chart" />;
}
