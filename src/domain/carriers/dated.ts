/**
 * Dated entries: carrier rules (DIM divisors, dimension rounding, fuel percentages) change on
 * known dates, so they are kept as data with an effective range and picked by ship date, never
 * hard-coded (DOMAIN.md: "Rates and rules change: keep them as dated data").
 */

/** A calendar date as `YYYY-MM-DD` (the ship date; no time zone involved). */
export type IsoDate = string;

/** Anything effective from a date (inclusive) until another (exclusive, open-ended when absent). */
export interface Dated {
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo?: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `s` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not).
 *
 * @example
 * isIsoDate('2026-07-12'); // true
 * isIsoDate('2026-7-12'); // false
 */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The entry in force on `date`: `effectiveFrom <= date < effectiveTo`. ISO dates compare as
 * strings. Entries are validated not to overlap, so at most one matches.
 *
 * @example
 * entryOn([{ effectiveFrom: '2025-01-01', effectiveTo: '2025-08-18' }, { effectiveFrom: '2025-08-18' }], '2025-08-18'); // the second
 */
export function entryOn<T extends Dated>(entries: readonly T[], date: IsoDate): T | undefined {
  for (const entry of entries) {
    if (entry.effectiveFrom <= date && (entry.effectiveTo === undefined || date < entry.effectiveTo)) return entry;
  }
  return undefined;
}

/**
 * Index of the entry in force on `date`, or -1.
 *
 * @example
 * indexOn([{ effectiveFrom: '2025-01-01' }], '2024-12-31'); // -1
 */
export function indexOn(entries: readonly Dated[], date: IsoDate): number {
  const entry = entryOn(entries, date);
  return entry === undefined ? -1 : entries.indexOf(entry);
}

/** One problem with a dated entry, in English (`message`) and both languages (`messages`). */
export interface DatedProblem {
  index: number;
  message: string;
  messages: { en: string; zh: string };
}

/**
 * Problems with a list of dated entries: bad dates, empty ranges, overlaps. Returns messages
 * keyed by entry index (empty when valid).
 *
 * @example
 * datedProblems([{ effectiveFrom: '2025-01-01' }, { effectiveFrom: '2025-06-01' }]); // [{ index: 1, message: 'overlaps …' }]
 */
export function datedProblems(entries: readonly Dated[]): DatedProblem[] {
  const problems: DatedProblem[] = [];
  const add = (index: number, en: string, zh: string) => problems.push({ index, message: en, messages: { en, zh } });
  entries.forEach((e, index) => {
    if (!isIsoDate(e.effectiveFrom)) {
      const shown = JSON.stringify(e.effectiveFrom);
      add(index, `effectiveFrom ${shown} is not a YYYY-MM-DD date`, `effectiveFrom ${shown} 不是 YYYY-MM-DD 格式的日期`);
    }
    if (e.effectiveTo !== undefined && !isIsoDate(e.effectiveTo)) {
      const shown = JSON.stringify(e.effectiveTo);
      add(index, `effectiveTo ${shown} is not a YYYY-MM-DD date`, `effectiveTo ${shown} 不是 YYYY-MM-DD 格式的日期`);
    } else if (e.effectiveTo !== undefined && e.effectiveTo <= e.effectiveFrom) {
      add(
        index,
        `effectiveTo ${e.effectiveTo} is not after effectiveFrom ${e.effectiveFrom}`,
        `effectiveTo ${e.effectiveTo} 须晚于 effectiveFrom ${e.effectiveFrom}`,
      );
    }
  });
  const open = '9999-12-31';
  for (let i = 0; i < entries.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = entries[i] as Dated;
      const b = entries[j] as Dated;
      if (a.effectiveFrom < (b.effectiveTo ?? open) && b.effectiveFrom < (a.effectiveTo ?? open)) {
        add(
          i,
          `overlaps entry ${j} (${b.effectiveFrom} – ${b.effectiveTo ?? 'open'})`,
          `与第 ${j} 项（${b.effectiveFrom} – ${b.effectiveTo ?? '无截止'}）的日期重叠`,
        );
      }
    }
  }
  return problems;
}
