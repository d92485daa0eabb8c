import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, InputNumber, Select } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { formatRate } from '../../lib/format-money';
import { localizedText } from '../../lib/localized-text';
import type { FeeRuleJson } from '../../types';

/** Value-added and operations services from the card (rules metered `add_on`), each with a monthly quantity. */
export function AddOnsInput({ rules, currency }: { rules: readonly FeeRuleJson[]; currency: string }) {
  const { t, locale } = useI18n();
  const options = rules.map((rule) => ({
    value: rule.id,
    label:
      rule.model.kind === 'per_unit' && rule.model.rate
        ? `${localizedText(rule.label, locale)} · ${formatRate(rule.model.rate, currency, locale)}`
        : localizedText(rule.label, locale),
  }));
  return (
    <Form.List name="add_ons">
      {(fields, { add, remove }) => (
        <Flex vertical gap={0} data-testid="quote-add-ons">
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              <Form.Item name={[field.name, 'rule_id']} rules={[{ required: true, message: t('quoteForm.addOnRequired') }]}>
                <Select
                  aria-label={t('quoteForm.addOn')}
                  placeholder={t('quoteForm.addOn')}
                  options={options}
                  style={{ width: 340 }}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('quoteForm.quantityRequired') }]}>
                <InputNumber<string>
                  aria-label={t('quoteForm.quantity')}
                  placeholder={t('quoteForm.quantity')}
                  stringMode
                  min="0"
                  style={{ width: 160 }}
                />
              </Form.Item>
              <Button type="text" aria-label={t('common.remove')} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <div>
            <Button icon={<PlusOutlined />} onClick={() => add({ quantity: '1' })} disabled={rules.length === 0}>
              {t('quoteForm.addAddOn')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
