import { WarningOutlined } from '@ant-design/icons';
import { Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { isMessageKey } from '../../i18n/messages';
import { moduleLabel } from '../../lib/fee-module';
import { formatMoney, formatRate } from '../../lib/format-money';
import { formatNumber } from '../../lib/format-number';
import { localizedText } from '../../lib/localized-text';
import type { FeeLine, QuoteResult } from '../../types';
import { FeeLineDetails } from './fee-line-details';
import { FeeModuleTag } from './fee-module-tag';

interface LineRow extends FeeLine {
  key: number;
}

/** Every priced line of a quote; expand one for its inputs and rule reference. */
export function FeeLinesTable({ quote }: { quote: QuoteResult }) {
  const { t, locale } = useI18n();
  const rows = useMemo<LineRow[]>(() => quote.lines.map((line, i) => ({ ...line, key: i })), [quote.lines]);

  const columns = useMemo<TableColumnsType<LineRow>>(() => {
    const modules = [...new Set(quote.lines.map((l) => l.module))];
    const unitLabel = (unit: string) => {
      const key = `unit.${unit}`;
      return isMessageKey(key) ? t(key) : unit;
    };
    return [
      {
        key: 'module',
        title: t('quote.col.module'),
        dataIndex: 'module',
        render: (module: string) => <FeeModuleTag module={module} />,
        filters: modules.map((m) => ({ text: moduleLabel(m, t), value: m })),
        onFilter: (value, line) => line.module === value,
      },
      {
        key: 'label',
        title: t('quote.col.item'),
        render: (_, line) => (
          <span>
            {localizedText(line.label, locale)}
            {line.warnings?.length ? (
              <Tooltip title={line.warnings.map((w) => localizedText(w, locale)).join(' ')}>
                <WarningOutlined className="line-warning-icon" />
              </Tooltip>
            ) : null}
          </span>
        ),
      },
      {
        key: 'quantity',
        title: t('quote.col.quantity'),
        align: 'right',
        render: (_, line) => (
          <span className="nowrap">
            {formatNumber(line.quantity, locale)} <Typography.Text type="secondary">{unitLabel(line.unit)}</Typography.Text>
          </span>
        ),
      },
      {
        key: 'rate',
        title: t('quote.col.rate'),
        align: 'right',
        // A lane priced in CNY keeps its CNY rate; only the amount is converted (inputs.fxFrom).
        render: (_, line) => (
          <span className="nowrap">
            {formatRate(line.rate, typeof line.inputs.fxFrom === 'string' ? line.inputs.fxFrom : line.amount.currency, locale)}
          </span>
        ),
      },
      {
        key: 'amount',
        title: t('quote.col.amount'),
        align: 'right',
        sorter: (a, b) => Number(a.amount.amount) - Number(b.amount.amount),
        render: (_, line) => (
          <Typography.Text strong className="nowrap">
            {formatMoney(line.amount, locale)}
          </Typography.Text>
        ),
      },
      {
        key: 'formula',
        title: t('quote.col.formula'),
        render: (_, line) => <span className="formula">{localizedText(line.formula, locale)}</span>,
      },
    ];
  }, [t, locale, quote.lines]);

  return (
    <div data-testid="quote-lines">
      <Table<LineRow>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 960 }}
        expandable={{ expandedRowRender: (line) => <FeeLineDetails line={line} /> }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>
              <Typography.Text strong>{t('quote.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              <Typography.Text strong className="nowrap">
                {formatMoney(quote.monthlyTotal, locale)}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} />
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}
