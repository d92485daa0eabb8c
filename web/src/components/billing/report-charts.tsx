import { useMemo } from 'react';
import { useT } from '../../i18n/i18n-context';
import { moduleColour, moduleLabel } from '../../lib/fee-module';
import type { BillingReport } from '../../types-billing';
import { type ChartOption, EChart } from '../echart';

const AGE_BANDS = ['0-90', '91-180', '181-270', '271-365', '366+'] as const;
const AGE_COLOURS = ['#8fb8ea', '#4f8fdc', '#f0b44c', '#e8793a', '#c7402d'];
const GRID = { left: 8, right: 16, bottom: 8, top: 64, containLabel: true };
// Chart heights only: amounts are drawn from the exact decimal strings, tables show the exact values.
const num = (text: string | null | undefined) => (text ? Number(text) : 0);

/** Cost per order and per unit, a pair of bars a month. */
export function UnitCostChart({ report }: { report: BillingReport }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () =>
      ({
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: GRID,
        xAxis: { type: 'category', data: report.months.map((m) => m.period) },
        yAxis: { type: 'value', name: report.months[0]?.currency ?? '' },
        series: [
          { name: t('reports.perOrder'), type: 'bar', itemStyle: { color: '#1f5fbf' }, data: report.months.map((m) => num(m.per_order)) },
          { name: t('reports.perUnit'), type: 'bar', itemStyle: { color: '#13a8a8' }, data: report.months.map((m) => num(m.per_unit)) },
        ],
      }) as ChartOption,
    [report, t],
  );
  return <EChart option={option} height={280} testId="report-unit-cost-chart" />;
}

/** The fee mix: one stacked bar a month, a colour per fee module. */
export function FeeMixChart({ report }: { report: BillingReport }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const periods = [...new Set(report.modules.map((m) => m.period))].sort();
    const modules = [...new Set(report.modules.map((m) => m.module))];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: GRID,
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: report.modules[0]?.currency ?? '' },
      series: modules.map((module) => ({
        name: moduleLabel(module, t),
        type: 'bar',
        stack: 'fees',
        itemStyle: { color: moduleColour(module) },
        data: periods.map((p) =>
          report.modules.filter((m) => m.period === p && m.module === module).reduce((n, m) => n + num(m.amount.amount), 0),
        ),
      })),
    } as ChartOption;
  }, [report, t]);
  return <EChart option={option} height={320} testId="report-fee-mix-chart" />;
}

/** Volume stored by the lots' age band, a stacked bar a month. */
export function StorageAgeingChart({ report }: { report: BillingReport }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const periods = [...new Set(report.ageing.map((a) => a.period))].sort();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: GRID,
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: t('reports.ft3Months') },
      series: AGE_BANDS.map((band, i) => ({
        name: t('reports.ageBand', { band }),
        type: 'bar',
        stack: 'ft3',
        itemStyle: { color: AGE_COLOURS[i] },
        data: periods.map((p) => num(report.ageing.find((a) => a.period === p && a.band === band)?.ft3_months)),
      })),
    } as ChartOption;
  }, [report, t]);
  return <EChart option={option} height={280} testId="report-ageing-chart" />;
}

/** Parcels per carrier and service. */
export function CarrierMixChart({ report }: { report: BillingReport }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () =>
      ({
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: GRID,
        xAxis: { type: 'category', data: report.carriers.map((c) => `${c.carrier} ${c.service}`.trim()) },
        yAxis: { type: 'value', name: t('reports.parcels') },
        series: [{ name: t('reports.parcels'), type: 'bar', itemStyle: { color: '#e8590c' }, data: report.carriers.map((c) => c.parcels) }],
      }) as ChartOption,
    [report, t],
  );
  return <EChart option={option} height={260} testId="report-carrier-chart" />;
}

/** Quote against actual per fee module: per unit when both have units, else per month. */
export function VarianceChart({ report }: { report: BillingReport }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const rows = report.variance?.rows ?? [];
    const perUnit = rows.some((r) => r.actual_per_unit !== null);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: GRID,
      xAxis: { type: 'category', data: rows.map((r) => moduleLabel(r.module, t)), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', name: perUnit ? t('reports.variance.perUnitAxis') : t('reports.variance.perMonthAxis') },
      series: [
        {
          name: t('reports.variance.quote'),
          type: 'bar',
          itemStyle: { color: '#adb5bd' },
          data: rows.map((r) => (perUnit ? num(r.quote_per_unit) : num(r.quote_monthly.amount))),
        },
        {
          name: t('reports.variance.actual'),
          type: 'bar',
          itemStyle: { color: '#1f5fbf' },
          data: rows.map((r) => (perUnit ? num(r.actual_per_unit) : num(r.actual_monthly.amount))),
        },
      ],
    } as ChartOption;
  }, [report, t]);
  return <EChart option={option} height={300} testId="report-variance-chart" />;
}
