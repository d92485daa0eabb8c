import { AppstoreAddOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import type { CatalogueSelection } from '../../lib/build-quote-body';
import { formatDimensions, formatWeight } from '../../lib/format-measure';
import { skuTitle } from '../../lib/localized-name';
import type { Sku } from '../../types';
import { FlagTags } from '../flag-tags';

/** Everything selected, share 1 each: the one-click path for "quote my whole catalogue". */
export function wholeCatalogue(skus: readonly Sku[]): CatalogueSelection {
  return Object.fromEntries(skus.map((sku) => [sku.id, '1']));
}

/**
 * Picks SKUs from the account's catalogue, each with a relative share of orders. A form control:
 * `value` maps SKU id → share.
 */
export function CatalogueSkuPicker({
  skus,
  loading,
  value = {},
  onChange,
}: {
  skus: readonly Sku[];
  loading: boolean;
  value?: CatalogueSelection;
  onChange?: (next: CatalogueSelection) => void;
}) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState('');
  const selectedCount = Object.keys(value).length;

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return skus;
    return skus.filter((sku) => `${sku.seller_sku} ${sku.title_en ?? ''} ${sku.title_zh ?? ''}`.toLowerCase().includes(q));
  }, [skus, filter]);

  const select = (ids: readonly string[]) => {
    onChange?.(Object.fromEntries(ids.map((id) => [id, value[id] ?? '1'])));
  };

  const columns = useMemo<TableColumnsType<Sku>>(
    () => [
      {
        key: 'sku',
        title: t('skus.col.sellerSku'),
        dataIndex: 'seller_sku',
        render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
      },
      { key: 'title', title: t('skus.col.title'), render: (_, sku) => skuTitle(sku, locale), ellipsis: true },
      { key: 'dims', title: t('skus.col.dimensions'), render: (_, sku) => <span className="nowrap">{formatDimensions(sku)}</span> },
      { key: 'weight', title: t('skus.col.weight'), render: (_, sku) => <span className="nowrap">{formatWeight(sku)}</span> },
      { key: 'flags', title: t('skus.col.flags'), render: (_, sku) => <FlagTags flags={sku.flags} /> },
      {
        key: 'share',
        title: t('quoteForm.share'),
        width: 120,
        render: (_, sku) =>
          value[sku.id] === undefined ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <InputNumber<string>
              size="small"
              aria-label={`${t('quoteForm.share')} ${sku.seller_sku}`}
              stringMode
              min="0"
              value={value[sku.id]}
              onChange={(share) => onChange?.({ ...value, [sku.id]: share ?? '1' })}
              style={{ width: 90 }}
            />
          ),
      },
    ],
    [t, locale, value, onChange],
  );

  return (
    <Flex vertical gap={8} data-testid="quote-catalogue">
      <Flex gap={8} wrap align="center">
        <Button
          data-testid="quote-use-catalogue"
          type={selectedCount === 0 ? 'primary' : 'default'}
          icon={<AppstoreAddOutlined />}
          disabled={skus.length === 0}
          onClick={() => onChange?.(wholeCatalogue(skus))}
        >
          {t('quoteForm.useCatalogue')}
        </Button>
        <Typography.Text type="secondary">{t('quoteForm.useCatalogueHelp')}</Typography.Text>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('quoteForm.searchSkus')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ width: 220, marginInlineStart: 'auto' }}
        />
      </Flex>
      <Typography.Text data-testid="quote-catalogue-count">
        {t('quoteForm.catalogueSelected', { count: selectedCount, total: skus.length })}
      </Typography.Text>
      <Table<Sku>
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={shown as Sku[]}
        rowSelection={{
          selectedRowKeys: Object.keys(value),
          preserveSelectedRowKeys: true,
          onChange: (keys) => select(keys.map(String)),
        }}
        pagination={{ pageSize: 10, showSizeChanger: true, pageSizeOptions: [10, 25, 50, 100], hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: loading ? t('common.loading') : t('quoteForm.catalogueEmpty') }}
      />
    </Flex>
  );
}
