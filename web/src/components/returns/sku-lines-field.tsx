import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Select } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { skuTitle } from '../../lib/localized-name';
import type { Sku } from '../../types';

export interface SkuLine {
  key: number;
  skuId: string | null;
  quantity: number | null;
}

let nextKey = 1;
export const newSkuLine = (): SkuLine => ({ key: nextKey++, skuId: null, quantity: 1 });

/** Rows of SKU + units, as a return, an unexpected parcel or a kit recipe lists them. */
export function SkuLinesField({
  lines,
  onChange,
  catalogue,
  loading,
  testId,
}: {
  lines: SkuLine[];
  onChange: (lines: SkuLine[]) => void;
  catalogue: Sku[];
  loading: boolean;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const options = catalogue.map((s) => ({ value: s.id, label: `${s.seller_sku} · ${skuTitle(s, locale)}` }));
  const update = (key: number, patch: Partial<SkuLine>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  return (
    <Flex vertical gap={8} data-testid={testId}>
      {lines.map((line, i) => (
        <Flex key={line.key} gap={8} align="center">
          <Select
            data-testid={`${testId}-sku-${i}`}
            showSearch
            optionFilterProp="label"
            loading={loading}
            placeholder={t('returns.form.sku')}
            style={{ flex: 1, minWidth: 240 }}
            value={line.skuId ?? undefined}
            onChange={(skuId: string) => update(line.key, { skuId })}
            options={options}
          />
          <InputNumber
            data-testid={`${testId}-qty-${i}`}
            min={1}
            precision={0}
            value={line.quantity}
            onChange={(quantity) => update(line.key, { quantity })}
            suffix={t('returns.form.units')}
            style={{ width: 150 }}
          />
          <Button
            aria-label={t('returns.form.removeLine')}
            icon={<DeleteOutlined />}
            disabled={lines.length === 1}
            onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
          />
        </Flex>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...lines, newSkuLine()])} style={{ alignSelf: 'flex-start' }}>
        {t('returns.form.addLine')}
      </Button>
    </Flex>
  );
}
