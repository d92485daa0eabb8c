import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { formatNumber } from '../../lib/format-number';
import { localizedText } from '../../lib/localized-text';
import { summarizeModel } from '../../lib/model-summary';
import type { FeeRuleJson } from '../../types';
import { FlagTags } from '../flag-tags';
import { FeeModuleTag } from '../quotes/fee-module-tag';

/** Fee rules of a card: id, module, label, what they count, and the price in words. */
export function RulesTable({ rules, currency, testId }: { rules: readonly FeeRuleJson[]; currency: string; testId?: string }) {
  const { t, locale } = useI18n();
  const anyLimited = rules.some((rule) => rule.when);
  const columns = useMemo<TableColumnsType<FeeRuleJson>>(
    () => [
      { key: 'id', title: t('rateCards.col.ruleId'), dataIndex: 'id', render: (v: string) => <code>{v}</code> },
      { key: 'module', title: t('rateCards.col.module'), dataIndex: 'module', render: (v: string) => <FeeModuleTag module={v} /> },
      { key: 'label', title: t('rateCards.col.label'), render: (_, rule) => localizedText(rule.label, locale) },
      {
        key: 'meter',
        title: t('rateCards.col.meter'),
        dataIndex: 'meter',
        render: (v: string) => (
          <Typography.Text type="secondary" className="nowrap">
            {v}
          </Typography.Text>
        ),
      },
      { key: 'model', title: t('rateCards.col.model'), render: (_, rule) => <Tag>{rule.model.kind}</Tag> },
      { key: 'price', title: t('rateCards.col.price'), render: (_, rule) => summarizeModel(rule.model, currency, locale, t) },
      {
        key: 'when',
        hidden: !anyLimited,
        title: t('rateCards.col.when'),
        render: (_, rule) => {
          const when = rule.when;
          if (!when) return null;
          const weight = [
            when.minWeightLb ? `≥ ${formatNumber(when.minWeightLb, locale)} lb` : null,
            when.maxWeightLb ? `≤ ${formatNumber(when.maxWeightLb, locale)} lb` : null,
          ].filter(Boolean);
          return (
            <span>
              {weight.join(', ')} {when.flags?.length ? <FlagTags flags={when.flags} /> : null}
            </span>
          );
        },
      },
    ],
    [t, locale, currency, anyLimited],
  );
  return (
    <div data-testid={testId}>
      <Table<FeeRuleJson>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rules as FeeRuleJson[]}
        pagination={rules.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 960 }}
      />
    </div>
  );
}
