import { Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { formatAmount } from '../../lib/format-money';
import { formatNumber } from '../../lib/format-number';
import type { QuoteResult, SkuCost } from '../../types';
import { SKU_COST_PARTS } from './sku-cost-parts';

/** Landed cost per unit of every SKU quoted, split into first leg, duties, receiving, storage, fulfilment and returns. */
export function SkuCostsTable({ quote }: { quote: QuoteResult }) {
  const { t, locale } = useI18n();
  const columns = useMemo<TableColumnsType<SkuCost>>(
    () => [
      {
        key: 'sku',
        title: t('quote.col.sellerSku'),
        dataIndex: 'sellerSku',
        fixed: 'left',
        render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
      },
      {
        key: 'units',
        title: t('quote.col.unitsPerMonth'),
        align: 'right',
        sorter: (a, b) => Number(a.unitsPerMonth) - Number(b.unitsPerMonth),
        render: (_, sku) => formatNumber(sku.unitsPerMonth, locale, 2),
      },
      ...SKU_COST_PARTS.map((part): TableColumnsType<SkuCost>[number] => ({
        key: part.key,
        title: t(part.label),
        align: 'right',
        render: (_, sku) => <span className="nowrap">{formatAmount(sku.perUnit[part.key], quote.currency, locale)}</span>,
      })),
      {
        key: 'total',
        title: t('quote.part.total'),
        align: 'right',
        sorter: (a, b) => Number(a.perUnit.total) - Number(b.perUnit.total),
        render: (_, sku) => (
          <Typography.Text strong className="nowrap">
            {formatAmount(sku.perUnit.total, quote.currency, locale)}
          </Typography.Text>
        ),
      },
    ],
    [t, locale, quote.currency],
  );
  return (
    <div data-testid="quote-skus">
      <Table<SkuCost>
        size="small"
        rowKey="sellerSku"
        columns={columns}
        dataSource={quote.skus}
        pagination={quote.skus.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
