import { isMessageKey, type Translate } from '../i18n/messages';
import type { Locale, PricingModelJson } from '../types';
import { formatAmount } from './format-money';
import { formatNumber } from './format-number';

const LIST_LIMIT = 4;

function listed(parts: string[], locale: Locale): string {
  const shown = parts.slice(0, LIST_LIMIT);
  if (parts.length > LIST_LIMIT) shown.push('…');
  return shown.join(locale === 'zh-CN' ? '；' : ' · ');
}

/** Card units are English words ("carton", "hour"); Chinese readers get the word in Chinese where the portal knows it. */
function unitName(unit: string, locale: Locale, t: Translate): string {
  const key = `unit.${unit}`;
  return locale === 'zh-CN' && isMessageKey(key) ? t(key) : unit;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan–Sep" / "1–9月", as the server's formulas write a season. */
function monthsName(from: number, to: number, locale: Locale): string {
  if (locale === 'zh-CN') return from === to ? `${from}月` : `${from}–${to}月`;
  return from === to ? (MONTHS_EN[from - 1] ?? '?') : `${MONTHS_EN[from - 1] ?? '?'}–${MONTHS_EN[to - 1] ?? '?'}`;
}

/**
 * One short line a person can read instead of the model's JSON: "$0.10 per unit", "3 tiers
 * (graduated): ≤ 100: $0.30 · …", "7-row table (1 columns)", "Age bands: 0–180 d: $0 · …".
 */
export function summarizeModel(model: PricingModelJson, currency: string, locale: Locale, t: Translate): string {
  const money = (amount: string | undefined) => (amount === undefined ? '?' : formatAmount(amount, currency, locale));
  const unit = unitName(model.unit ?? 'unit', locale, t);
  let text: string;
  switch (model.kind) {
    case 'flat':
      text = t('model.flat', { amount: money(model.amount) });
      break;
    case 'per_unit':
      text = t('model.perUnit', { rate: money(model.rate), unit });
      break;
    case 'tiered': {
      const tiers = model.tiers ?? [];
      const parts = tiers.map((tier) =>
        tier.upTo === null
          ? t('model.tierOpen', { rate: money(tier.rate) })
          : t('model.tier', { upTo: formatNumber(tier.upTo, locale), rate: money(tier.rate) }),
      );
      const mode = model.mode === 'volume' ? t('model.tierMode.volume') : t('model.tierMode.graduated');
      text = t('model.tiered', { count: tiers.length, mode, tiers: listed(parts, locale) });
      break;
    }
    case 'per_package':
      text = t('model.perPackage', {
        rate: money(model.rate),
        size: formatNumber(model.packageSize ?? '?', locale),
        unit,
        package: unitName(model.packageUnit ?? 'package', locale, t),
      });
      break;
    case 'percentage':
      text =
        model.base === 'declared_value'
          ? t('model.percentage.declaredValue', { percent: model.percent ?? '?' })
          : t('model.percentage.amount', { percent: model.percent ?? '?' });
      break;
    case 'table': {
      const rows = model.rows ?? [];
      const columns = new Set(rows.flatMap((row) => Object.keys(row.cells ?? {})));
      text = t('model.table', { rows: rows.length, columns: columns.size });
      break;
    }
    case 'time_based':
      if (model.seasons) {
        const seasons = model.seasons.map((s) =>
          t('model.season', {
            months: s.label ? s.label[locale === 'zh-CN' ? 'zh' : 'en'] : monthsName(s.fromMonth, s.toMonth, locale),
            rate: money(s.rate),
          }),
        );
        text = t(model.per === 'day' ? 'model.seasonal.day' : 'model.seasonal.month', { unit, seasons: listed(seasons, locale) });
      } else text = t(model.per === 'day' ? 'model.timeBased.day' : 'model.timeBased.month', { rate: money(model.rate), unit });
      break;
    case 'greater_of':
    case 'lesser_of': {
      const branches = (model.branches ?? []).map((b) => summarizeModel(b.model, currency, locale, t));
      text = t(model.kind === 'greater_of' ? 'model.greaterOf' : 'model.lesserOf', { branches: listed(branches, locale) });
      break;
    }
    case 'age_banded': {
      const parts = (model.bands ?? []).map((band) =>
        band.toDay === null
          ? t('model.bandOpen', { from: band.fromDay, rate: money(band.rate) })
          : t('model.band', { from: band.fromDay, to: band.toDay, rate: money(band.rate) }),
      );
      text = t('model.ageBanded', { bands: listed(parts, locale) });
      break;
    }
    default:
      text = model.kind;
  }
  const limits: string[] = [];
  if (model.minimum !== undefined && Number(model.minimum) !== 0) limits.push(t('model.minimum', { amount: money(model.minimum) }));
  if (model.maximum !== undefined) limits.push(t('model.maximum', { amount: money(model.maximum) }));
  return limits.length ? `${text} (${limits.join(', ')})` : text;
}
