/**
 * Official zone charts on a standard card. UPS and FedEx publish a chart per origin (and USPS
 * per origin ZIP3): destination ZIP3 ranges → zone. DOMAIN.md: "The official zone chart for an
 * origin is authoritative; distance is the fallback." A chart on the card names the carriers
 * or services it applies to, the origins (a ZIP3, or ZIP5s), its source and the date it takes
 * effect; rating a service from a covered origin then uses the chart's zone, and a destination
 * the chart leaves out falls back to the computed distance zone.
 */
import type { ZoneCharts } from '../carriers/rating.js';
import { CARRIERS, type Carrier, type CarrierService } from '../carriers/service.js';
import {
  normalizeZip,
  resolveZone,
  type UnknownZip,
  type ZoneChart,
  type ZoneChartRange,
  type ZoneResult,
  zoneRangeIssues,
} from '../carriers/zones.js';
import type { ErrorDetail } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import { isIsoDate } from './versions.js';

export interface CardZoneChart {
  /** Stable id, unique on the card (diffs compare charts by it), e.g. "ups_ground:08837:2026-11-25". */
  id: string;
  /** Carriers whose services use the chart ("ups", "fedex", "usps"). */
  carriers?: Carrier[];
  /** Service codes that use the chart ("ups_ground"); a chart naming a service wins over one naming its carrier. */
  services?: string[];
  /** Origin ZIP prefixes: a ZIP3 ("088") for the whole area, or ZIP5s ("08837"); the longest match wins. */
  origins: string[];
  /** Destination ZIP3 ranges, inclusive, with their zone. */
  rows: ZoneChartRange[];
  /** Where the chart came from (carrier, file, publication date). */
  source: string;
  /** First ship date the chart applies to, YYYY-MM-DD. */
  effectiveFrom: string;
}

/** The part of a standard card zone charts read (structural, so this module needs no document import). */
export interface CardWithZoneCharts {
  carrierServices: readonly CarrierService[];
  zoneCharts?: readonly CardZoneChart[];
}

const CHART_ID = /^[A-Za-z0-9][A-Za-z0-9_.:+/-]{0,127}$/;
const ORIGIN = /^\d{3}(?:\d{2})?$/;

function detail(path: (string | number)[], code: string, en: string, zh: string): ErrorDetail {
  return { path, code, message: en, messages: { en, zh } };
}

/** The card's services a chart applies to (by service code or by carrier). */
export function servicesOfChart(
  chart: Pick<CardZoneChart, 'carriers' | 'services'>,
  services: readonly CarrierService[],
): CarrierService[] {
  return services.filter((s) => (chart.services ?? []).includes(s.code) || (chart.carriers ?? []).includes(s.carrier));
}

/**
 * Every problem in a card's zone charts, located under `zoneCharts`: ids, targets (carriers and
 * services that exist on the card), origins, dates, and per chart its rows — 3-digit ranges,
 * from ≤ to, no overlaps, no destination ZIP3 in use left between two ranges, and every zone one
 * that the chart's services price (a zone absent from their rate tables could never be rated).
 *
 * @example
 * validateZoneCharts({ carrierServices: [UPS_GROUND_SAMPLE], zoneCharts: [{ id: 'ups:088', carriers: ['ups'], origins: ['088'],
 *   rows: [{ from: '005', to: '099', zone: 9 }], source: 'UPS', effectiveFrom: '2026-01-01' }] });
 * // [{ path: ['zoneCharts', 0, 'rows', 0, 'zone'], code: 'zone_not_priced', … }]
 */
export function validateZoneCharts(card: CardWithZoneCharts): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const charts = card.zoneCharts ?? [];
  const ids = new Set<string>();
  const targets = new Map<string, number>();
  charts.forEach((chart, i) => {
    const at = (...rest: (string | number)[]) => ['zoneCharts', i, ...rest];
    if (typeof chart.id !== 'string' || !CHART_ID.test(chart.id))
      problems.push(
        detail(
          at('id'),
          'invalid_id',
          `Zone chart id ${JSON.stringify(chart.id)} must be 1–128 letters, digits or . _ : + / -.`,
          `分区表 id ${JSON.stringify(chart.id)} 须为 1–128 个字母、数字或 . _ : + / -。`,
        ),
      );
    else if (ids.has(chart.id))
      problems.push(detail(at('id'), 'duplicate', `Zone chart ${chart.id} is listed twice.`, `分区表 ${chart.id} 重复出现。`));
    ids.add(chart.id);

    const carriers = chart.carriers ?? [];
    const services = chart.services ?? [];
    if (carriers.length === 0 && services.length === 0)
      problems.push(
        detail(at(), 'no_target', 'A zone chart names the carriers or the services it applies to.', '分区表须注明适用的承运商或承运服务。'),
      );
    carriers.forEach((carrier, j) => {
      if (!(CARRIERS as readonly string[]).includes(carrier))
        problems.push(
          detail(
            at('carriers', j),
            'unknown_carrier',
            `Unknown carrier ${JSON.stringify(carrier)} (use ${CARRIERS.join(', ')}).`,
            `未知的承运商 ${JSON.stringify(carrier)}（可用：${CARRIERS.join('、')}）。`,
          ),
        );
    });
    services.forEach((code, j) => {
      if (!card.carrierServices.some((s) => s.code === code))
        problems.push(
          detail(at('services', j), 'unknown_service', `The card has no carrier service ${code}.`, `价卡中没有承运服务 ${code}。`),
        );
    });
    const matched = servicesOfChart(chart, card.carrierServices);
    if ((carriers.length > 0 || services.length > 0) && matched.length === 0)
      problems.push(detail(at(), 'no_service', 'No carrier service on the card uses this chart.', '价卡中没有任何承运服务使用此分区表。'));

    if (!Array.isArray(chart.origins) || chart.origins.length === 0)
      problems.push(
        detail(
          at('origins'),
          'required',
          'A zone chart names at least one origin ZIP3 or ZIP5.',
          '分区表至少须注明一个始发地邮编（3 位或 5 位）。',
        ),
      );
    (chart.origins ?? []).forEach((origin, j) => {
      if (typeof origin !== 'string' || !ORIGIN.test(origin))
        problems.push(
          detail(
            at('origins', j),
            'invalid_origin',
            `Origin ${JSON.stringify(origin)} is neither a ZIP3 prefix nor a ZIP5.`,
            `始发地 ${JSON.stringify(origin)} 既不是 3 位邮编前缀也不是 5 位邮编。`,
          ),
        );
    });
    if (typeof chart.source !== 'string' || chart.source.trim() === '')
      problems.push(detail(at('source'), 'required', 'Say where the chart came from (source).', '请注明分区表的来源（source）。'));
    if (typeof chart.effectiveFrom !== 'string' || !isIsoDate(chart.effectiveFrom))
      problems.push(
        detail(
          at('effectiveFrom'),
          'invalid_date',
          `effectiveFrom ${JSON.stringify(chart.effectiveFrom)} is not a date YYYY-MM-DD.`,
          `effectiveFrom ${JSON.stringify(chart.effectiveFrom)} 不是 YYYY-MM-DD 格式的日期。`,
        ),
      );

    // Two charts for the same service, origin and date would make the choice depend on list order.
    for (const target of [...services.map((s) => `service:${s}`), ...carriers.map((c) => `carrier:${c}`)]) {
      for (const origin of chart.origins ?? []) {
        const key = `${target}|${origin}|${chart.effectiveFrom}`;
        const other = targets.get(key);
        if (other !== undefined)
          problems.push(
            detail(
              at('origins'),
              'duplicate_chart',
              `Zone chart ${other + 1} already covers ${target.split(':')[1]} from ${origin} on ${chart.effectiveFrom}.`,
              `第 ${other + 1} 个分区表已覆盖 ${target.split(':')[1]} 自 ${origin} 始发、${chart.effectiveFrom} 生效的分区。`,
            ),
          );
        else targets.set(key, i);
      }
    }

    if (!Array.isArray(chart.rows) || chart.rows.length === 0) {
      problems.push(detail(at('rows'), 'required', 'A zone chart needs at least one row.', '分区表至少需要一行。'));
      return;
    }
    for (const issue of zoneRangeIssues(chart.rows, { gaps: true }))
      problems.push({
        path: at('rows', issue.index, ...(issue.field ? [issue.field] : [])),
        code: issue.code,
        message: issue.message,
        messages: issue.messages,
      });
    if (matched.length > 0) {
      const priced = new Set(matched.flatMap((s) => s.rateTable.zones));
      const list = [...priced].sort((a, b) => a - b).join(', ');
      const names = matched.map((s) => s.code).join(', ');
      chart.rows.forEach((row, j) => {
        if (typeof row.zone === 'number' && !priced.has(row.zone))
          problems.push(
            detail(
              at('rows', j, 'zone'),
              'zone_not_priced',
              `Zone ${row.zone} is not priced by ${names} (zones ${list}).`,
              `${names} 的价格表中没有分区 ${row.zone}（现有分区 ${list}）。`,
            ),
          );
      });
    }
  });
  return problems;
}

/** The chart to use, with why it was chosen. */
export interface ChosenZoneChart {
  chart: CardZoneChart;
  /** The origin prefix that matched the origin ZIP. */
  origin: string;
}

/**
 * The card's chart for a service from an origin ZIP on a date, or undefined: among charts in
 * effect (effectiveFrom ≤ date) naming the service or its carrier and an origin prefix of the
 * ZIP, a chart naming the service beats one naming the carrier, a longer origin (ZIP5) beats a
 * shorter (ZIP3), a later effective date beats an earlier, and a later chart in the list wins a tie.
 *
 * @example chartFor(card, UPS_GROUND_SAMPLE, '08837', '2026-11-25')?.chart.id; // 'ups:088:2026-01-01'
 */
export function chartFor(
  card: CardWithZoneCharts,
  service: CarrierService,
  originZip: string,
  onDate: string,
): ChosenZoneChart | undefined {
  const zip = normalizeZip(originZip);
  if (zip === null) return undefined;
  let best: { chosen: ChosenZoneChart; rank: [number, number, string, number] } | undefined;
  (card.zoneCharts ?? []).forEach((chart, index) => {
    if (!(chart.effectiveFrom <= onDate)) return;
    const byService = (chart.services ?? []).includes(service.code);
    if (!byService && !(chart.carriers ?? []).includes(service.carrier)) return;
    const origin = (chart.origins ?? []).filter((o) => zip.startsWith(o)).sort((a, b) => b.length - a.length)[0];
    if (origin === undefined) return;
    const rank: [number, number, string, number] = [byService ? 1 : 0, origin.length, chart.effectiveFrom, index];
    if (!best || compareRank(rank, best.rank) > 0) best = { chosen: { chart, origin }, rank };
  });
  return best?.chosen;
}

function compareRank(a: [number, number, string, number], b: [number, number, string, number]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  if (a[2] !== b[2]) return a[2] < b[2] ? -1 : 1;
  return a[3] - b[3];
}

/** Rating's chart shape for one card chart seen from one origin ZIP3, made once per pair so compiled zone indexes are shared. */
const ratingCharts = new WeakMap<CardZoneChart, Map<string, ZoneChart>>();

function ratingChart(chart: CardZoneChart, originZip3: string): ZoneChart {
  let byOrigin = ratingCharts.get(chart);
  if (!byOrigin) {
    byOrigin = new Map();
    ratingCharts.set(chart, byOrigin);
  }
  let made = byOrigin.get(originZip3);
  if (!made) {
    made = Object.freeze({ source: `${chart.source} (${chart.id})`, origins: Object.freeze({ [originZip3]: chart.rows }) });
    byOrigin.set(originZip3, made);
  }
  return made;
}

/** How zones are decided for one service from one origin on one date. */
export interface ZoneResolver {
  /** The card chart in use, or undefined when zones come from distance. */
  readonly chart: ChosenZoneChart | undefined;
  /** Pass as `zoneCharts` to `compileService`, `rateParcel` or `rateShop` (undefined: distance zones). */
  readonly zoneCharts: ZoneCharts | undefined;
  /** The zone to a destination ZIP, as rating will decide it. */
  zone(destZip: string): Result<ZoneResult, UnknownZip>;
}

/**
 * Zones for rating `service` from `originZip` on `onDate` with this card: the card's official
 * chart for that origin when it has one (`basis: 'chart'`), the computed distance zone otherwise
 * and for destinations the chart leaves out. The same card, service, origin and date always
 * give the same `zoneCharts` object, so compiled zone indexes are built once.
 *
 * @example
 * const zones = zoneResolverFor(card, service, '08837', '2026-11-25');
 * compileService(service, '2026-11-25', { fuel: card.fuel, zoneCharts: zones.zoneCharts });
 * zones.zone('10001'); // ok: { zone: 2, basis: 'chart', … } when the card's UPS chart says so
 */
export function zoneResolverFor(card: CardWithZoneCharts, service: CarrierService, originZip: string, onDate: string): ZoneResolver {
  const chosen = chartFor(card, service, originZip, onDate);
  const zip = normalizeZip(originZip);
  const chart = chosen && zip ? ratingChart(chosen.chart, zip.slice(0, 3)) : undefined;
  const zoneCharts: ZoneCharts | undefined = chart ? zoneChartsFor(service.carrier, chart) : undefined;
  return { chart: chosen, zoneCharts, zone: (destZip) => resolveZone(originZip, destZip, chart) };
}

const wrapped = new WeakMap<ZoneChart, Map<Carrier, ZoneCharts>>();

function zoneChartsFor(carrier: Carrier, chart: ZoneChart): ZoneCharts {
  let byCarrier = wrapped.get(chart);
  if (!byCarrier) {
    byCarrier = new Map();
    wrapped.set(chart, byCarrier);
  }
  let made = byCarrier.get(carrier);
  if (!made) {
    made = Object.freeze({ [carrier]: chart });
    byCarrier.set(carrier, made);
  }
  return made;
}

/**
 * The card with `chart` added, replacing a chart with the same id (an import of the same
 * service, origins and date again). Does not validate: validate the result as a card.
 *
 * @example withZoneChart(card, chart).zoneCharts?.length; // one more, or the same when replaced
 */
export function withZoneChart<T extends CardWithZoneCharts>(card: T, chart: CardZoneChart): T {
  const others = (card.zoneCharts ?? []).filter((c) => c.id !== chart.id);
  return { ...card, zoneCharts: [...others, chart] };
}

/**
 * The id an imported chart gets: what it applies to, from where, from when.
 *
 * @example zoneChartId({ services: ['ups_ground'], origins: ['08837'], effectiveFrom: '2026-11-25' }); // 'ups_ground:08837:2026-11-25'
 */
export function zoneChartId(chart: Pick<CardZoneChart, 'carriers' | 'services' | 'origins' | 'effectiveFrom'>): string {
  const target = [...(chart.services ?? []), ...(chart.carriers ?? [])].join('+');
  return `${target}:${chart.origins.join('+')}:${chart.effectiveFrom}`;
}
