import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useT } from '../../i18n/i18n-context';
import type { ManualSkuValues } from '../../lib/build-quote-body';
import { SKU_FLAGS } from '../../types';

const LENGTH_UNITS = ['cm', 'mm', 'in'] as const;
const WEIGHT_UNITS = ['g', 'kg', 'oz', 'lb'] as const;

export const NEW_MANUAL_SKU: ManualSkuValues = { dimension_unit: 'cm', weight_unit: 'g', flags: [], share: '1' };

/** SKUs typed by hand (a prospect has no catalogue): size, weight, value, HS code, special goods, share. */
export function ManualSkusInput() {
  const t = useT();
  const required = [{ required: true, message: t('quoteForm.manual.required') }];
  // Duties are looked up by HTS heading: the customs engine needs 6 to 10 digits (dots allowed).
  const hsCodeValidator = async (_: unknown, value: string | undefined) => {
    const digits = (value ?? '').replace(/\./g, '');
    if (digits && !/^\d{6,10}$/.test(digits)) throw new Error(t('quoteForm.manual.hsCodeInvalid'));
  };
  const positive = [
    ...required,
    {
      validator: async (_: unknown, value: string | undefined) => {
        if (value !== undefined && value !== null && !(Number(value) > 0)) throw new Error(t('quoteForm.manual.positive'));
      },
    },
  ];
  const decimal = (label: string, width = 84) => (
    <InputNumber<string> aria-label={label} placeholder={label} stringMode min="0" style={{ width }} />
  );
  return (
    <Form.List
      name="manual_skus"
      rules={[
        {
          validator: async (_, value: unknown[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('quoteForm.skusRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8} data-testid="quote-manual-skus">
          {fields.map((field, index) => (
            <div key={field.key} className="manual-sku">
              <Typography.Text type="secondary" className="manual-sku-index">
                {index + 1}
              </Typography.Text>
              <Flex gap={8} wrap align="start">
                <Form.Item name={[field.name, 'seller_sku']} rules={required}>
                  <Input
                    aria-label={t('quoteForm.manual.sellerSku')}
                    placeholder={t('quoteForm.manual.sellerSku')}
                    maxLength={64}
                    style={{ width: 150 }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'length']} rules={positive}>
                  {decimal(t('quoteForm.manual.length'), 76)}
                </Form.Item>
                <Form.Item name={[field.name, 'width']} rules={positive}>
                  {decimal(t('quoteForm.manual.width'), 76)}
                </Form.Item>
                <Form.Item name={[field.name, 'height']} rules={positive}>
                  {decimal(t('quoteForm.manual.height'), 76)}
                </Form.Item>
                <Form.Item name={[field.name, 'dimension_unit']}>
                  <Select
                    aria-label={t('quoteForm.manual.dimensionUnit')}
                    options={LENGTH_UNITS.map((u) => ({ value: u, label: u }))}
                    style={{ width: 72 }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'weight']} rules={positive}>
                  {decimal(t('quoteForm.manual.weight'), 96)}
                </Form.Item>
                <Form.Item name={[field.name, 'weight_unit']}>
                  <Select
                    aria-label={t('quoteForm.manual.weightUnit')}
                    options={WEIGHT_UNITS.map((u) => ({ value: u, label: u }))}
                    style={{ width: 72 }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'declared_value']}>{decimal(t('quoteForm.manual.declaredValue'), 150)}</Form.Item>
                <Form.Item name={[field.name, 'hs_code']} rules={[{ validator: hsCodeValidator }]}>
                  <Input
                    aria-label={t('quoteForm.manual.hsCode')}
                    placeholder={t('quoteForm.manual.hsCode')}
                    maxLength={20}
                    style={{ width: 130 }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'flags']}>
                  <Select
                    mode="multiple"
                    aria-label={t('quoteForm.manual.flags')}
                    placeholder={t('quoteForm.manual.flags')}
                    options={SKU_FLAGS.map((flag) => ({ value: flag, label: t(`flag.${flag}`) }))}
                    style={{ minWidth: 160 }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'share']}>{decimal(t('quoteForm.share'), 84)}</Form.Item>
                <Button type="text" aria-label={t('common.remove')} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
              </Flex>
            </div>
          ))}
          <Typography.Text type="secondary">{t('quoteForm.manual.help')}</Typography.Text>
          <div>
            <Button data-testid="quote-manual-sku-add" icon={<PlusOutlined />} onClick={() => add({ ...NEW_MANUAL_SKU })}>
              {t('quoteForm.manual.add')}
            </Button>
          </div>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
