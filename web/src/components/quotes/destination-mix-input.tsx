import { DeleteOutlined, GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import type { QuoteFormValues } from '../../lib/build-quote-body';
import { localizedText } from '../../lib/localized-text';
import { presetCity, US_POPULATION_MIX } from '../../lib/us-population-mix';

function percentOf(share: string | undefined, total: number): string {
  const value = Number(share);
  if (!total || !Number.isFinite(value)) return '';
  return `≈ ${Math.round((value / total) * 1000) / 10}%`;
}

/** Where buyers are: ZIP codes with relative shares of orders, or a one-click national mix. */
export function DestinationMixInput() {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance<QuoteFormValues>();
  const rows = Form.useWatch('destinations', form) ?? [];
  const total = rows.reduce((sum, row) => sum + (Number(row?.share) || 0), 0);

  const applyPreset = () => {
    form.setFieldValue(
      'destinations',
      US_POPULATION_MIX.map(({ zip, share }) => ({ zip, share })),
    );
  };

  return (
    <Form.List
      name="destinations"
      rules={[
        {
          validator: async (_, value: unknown[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('quoteForm.destinationsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="quote-destinations" className="destination-mix">
          <Flex gap={8} wrap className="destination-mix-actions">
            <Button data-testid="quote-destinations-preset" icon={<GlobalOutlined />} onClick={applyPreset}>
              {t('quoteForm.presetUs')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => add({ zip: '', share: '1' })}>
              {t('quoteForm.addDestination')}
            </Button>
          </Flex>
          {fields.length > 0 ? (
            <div className="edit-grid destination-grid">
              <Typography.Text type="secondary">{t('quoteForm.zip')}</Typography.Text>
              <Typography.Text type="secondary">{t('quoteForm.share')}</Typography.Text>
              <span />
              <Typography.Text type="secondary">{t('quoteForm.city')}</Typography.Text>
              <span />
              {fields.map((field) => {
                const row = rows[field.name];
                const city = row?.zip ? presetCity(row.zip) : undefined;
                return (
                  <div key={field.key} className="edit-grid-row">
                    <Form.Item
                      name={[field.name, 'zip']}
                      rules={[{ required: true, pattern: /^\d{5}$/, message: t('quoteForm.zipInvalid') }]}
                      noStyle={false}
                      className="grid-item"
                    >
                      <Input aria-label={t('quoteForm.zip')} maxLength={5} inputMode="numeric" style={{ width: 96 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'share']}
                      rules={[{ required: true, message: t('quoteForm.shareRequired') }]}
                      className="grid-item"
                    >
                      <InputNumber<string> aria-label={t('quoteForm.share')} stringMode min="0" step="0.01" style={{ width: 110 }} />
                    </Form.Item>
                    <Typography.Text type="secondary" className="grid-note">
                      {percentOf(row?.share, total)}
                    </Typography.Text>
                    <Typography.Text className="grid-note">{city ? localizedText(city, locale) : ''}</Typography.Text>
                    <Button
                      type="text"
                      aria-label={t('common.remove')}
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      className="grid-remove"
                    />
                  </div>
                );
              })}
            </div>
          ) : null}
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
