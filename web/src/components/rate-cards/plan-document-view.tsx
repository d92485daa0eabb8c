import { Flex, Table, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { formatAmount } from '../../lib/format-money';
import { localizedText } from '../../lib/localized-text';
import { summarizeModel } from '../../lib/model-summary';
import type { PlanDiscountJson, PlanDocument, PricingModelJson } from '../../types';
import { FeeModuleTag } from '../quotes/fee-module-tag';
import { RulesTable } from './rules-table';

/** An account plan version: the prices it overrides, its discounts, extra rules and minimum. */
export function PlanDocumentView({ document, currency }: { document: PlanDocument; currency: string }) {
  const { t, locale } = useI18n();
  const overrides = document.overrides ?? [];
  const discounts = document.discounts ?? [];
  const extra = document.extraRules ?? [];
  const minimum = document.minimumMonthlyCharge;
  return (
    <Flex vertical gap={16} data-testid="rate-card-plan">
      <Typography.Text>
        {t('rateCards.minimum')}:{' '}
        <Typography.Text strong>
          {minimum === undefined
            ? t('rateCards.minimumInherited')
            : Number(minimum) > 0
              ? formatAmount(minimum, currency, locale)
              : t('rateCards.minimumWaived')}
        </Typography.Text>
      </Typography.Text>

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('rateCards.overrides', { count: overrides.length })}
      </Typography.Title>
      <Table<{ ruleId: string; model: PricingModelJson }>
        size="small"
        rowKey="ruleId"
        pagination={false}
        dataSource={overrides}
        columns={[
          { key: 'rule', title: t('rateCards.col.ruleId'), dataIndex: 'ruleId', render: (v: string) => <code>{v}</code> },
          { key: 'model', title: t('rateCards.col.model'), render: (_, o) => o.model.kind },
          { key: 'price', title: t('rateCards.col.price'), render: (_, o) => summarizeModel(o.model, currency, locale, t) },
        ]}
      />

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('rateCards.discounts', { count: discounts.length })}
      </Typography.Title>
      <Table<PlanDiscountJson>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={discounts}
        columns={[
          { key: 'id', title: t('rateCards.col.ruleId'), dataIndex: 'id', render: (v: string) => <code>{v}</code> },
          { key: 'label', title: t('rateCards.col.label'), render: (_, d) => localizedText(d.label, locale) },
          {
            key: 'target',
            title: t('rateCards.col.target'),
            render: (_, d) => (d.module ? <FeeModuleTag module={d.module} /> : <code>{d.ruleId}</code>),
          },
          { key: 'percent', title: t('rateCards.col.percent'), render: (_, d) => t('rateCards.percentOff', { percent: d.percent }) },
        ]}
      />

      {extra.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('rateCards.extraRules', { count: extra.length })}
          </Typography.Title>
          <RulesTable rules={extra} currency={currency} />
        </>
      ) : null}
    </Flex>
  );
}
