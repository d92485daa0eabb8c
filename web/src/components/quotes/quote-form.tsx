import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, InputNumber, Row, Segmented, Select, Switch, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, isApiError } from '../../api';
import { useCatalogue } from '../../hooks/use-catalogue';
import { useCreateQuote } from '../../hooks/quote-queries';
import { useFulfilmentWarehouses } from '../../hooks/use-fulfilment-warehouses';
import { useStandardCard } from '../../hooks/use-standard-card';
import { useI18n } from '../../i18n/i18n-context';
import { buildQuoteBody, FORM_FIELDS_BY_BODY_FIELD, type QuoteFormValues, type SkuSource } from '../../lib/build-quote-body';
import { localizedName } from '../../lib/localized-name';
import { localizedText } from '../../lib/localized-text';
import { US_POPULATION_MIX } from '../../lib/us-population-mix';
import { RETURN_DISPOSITIONS, type AccountRef, type QuoteRequestBody } from '../../types';
import { ErrorAlert } from '../error-alert';
import { AddOnsInput } from './add-ons-input';
import { CatalogueSkuPicker } from './catalogue-sku-picker';
import { DestinationMixInput } from './destination-mix-input';
import { ManualSkusInput, NEW_MANUAL_SKU } from './manual-skus-input';
import { QuoteTarget } from './quote-target';

export const CHANNELS = ['tiktok_shop', 'shopify', 'instagram', 'facebook', 'youtube_shopping', 'other'] as const;

type FieldError = { name: (string | number)[]; errors: string[] };

/** Server error paths → the form fields to mark (`skus.2.length` → `manual_skus.2.length` when typed by hand). */
function fieldErrors(error: ApiError, source: SkuSource): FieldError[] {
  const fields: FieldError[] = [];
  for (const detail of error.details) {
    const [head, ...rest] = detail.path ?? [];
    if (typeof head !== 'string') continue;
    if (head === 'skus' && source === 'manual' && rest.length > 0)
      fields.push({ name: ['manual_skus', ...rest], errors: [detail.message] });
    const formName = FORM_FIELDS_BY_BODY_FIELD[head];
    if (formName) fields.push({ name: [formName, ...rest], errors: [detail.message] });
  }
  return fields;
}

/** Catalogue SKUs are not on screen as fields: name them by seller SKU in the error list instead of by index. */
function withSkuNames(error: unknown, body: QuoteRequestBody | undefined): unknown {
  if (!isApiError(error) || !body) return error;
  const details = error.details.map((d) => {
    const [head, index, ...rest] = d.path ?? [];
    const sku = head === 'skus' && typeof index === 'number' ? body.skus[index] : undefined;
    return sku ? { ...d, path: ['skus', sku.seller_sku, ...rest] } : d;
  });
  return new ApiError(error.status, error.code, error.message, details);
}

/**
 * The quote calculator: volumes, SKUs, where buyers are, lane, stock cover, returns and add-ons
 * → POST /v1/quotes → the saved quote's page.
 */
export function QuoteForm({ account, isStaff }: { account: AccountRef | null; isStaff: boolean }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<QuoteFormValues>();
  const accountId = account?.id ?? null;
  const warehouses = useFulfilmentWarehouses();
  const card = useStandardCard();
  const catalogue = useCatalogue(isStaff ? accountId : null, accountId !== null);
  const create = useCreateQuote();
  const source: SkuSource = Form.useWatch('sku_source', form) ?? (accountId ? 'catalogue' : 'manual');

  // Another account (or a prospect) means another catalogue: start the SKU choice again.
  useEffect(() => {
    form.setFieldsValue({ catalogue: {}, sku_source: accountId ? 'catalogue' : 'manual' });
  }, [accountId, form]);

  // The first fulfilment warehouse is the sensible default origin.
  const firstWarehouse = warehouses.data?.[0]?.code;
  useEffect(() => {
    if (firstWarehouse && !form.getFieldValue('origin_warehouse')) form.setFieldValue('origin_warehouse', firstWarehouse);
  }, [firstWarehouse, form]);

  const doc = card.document;
  const laneOptions = useMemo(
    () =>
      (doc?.lanes ?? []).map((lane) => ({
        value: lane.code,
        label: (
          <span>
            {localizedText(lane.name, locale)} <Typography.Text type="secondary">{lane.code}</Typography.Text>
          </span>
        ),
        search: `${lane.code} ${lane.name.en} ${lane.name.zh}`,
      })),
    [doc, locale],
  );
  const addOnRules = useMemo(() => (doc?.rules ?? []).filter((rule) => rule.meter === 'add_on'), [doc]);

  const submit = () => {
    const values = form.getFieldsValue(true) as QuoteFormValues;
    const body = buildQuoteBody(values, { accountId, sendAccountId: isStaff, catalogue: catalogue.data ?? [] });
    create.mutate(body, {
      onSuccess: (saved) => navigate(`/quotes/${saved.id}`),
      onError: (error) => {
        if (!isApiError(error)) return;
        const fields = fieldErrors(error, values.sku_source);
        if (fields.length > 0) {
          // Paths come from the server, so they are not typed against the form's names.
          form.setFields(fields as unknown as Parameters<typeof form.setFields>[0]);
          form.scrollToField(fields[0]?.name as Parameters<typeof form.scrollToField>[0], { block: 'center' });
        }
      },
    });
  };

  const initialValues: QuoteFormValues = {
    channels: [],
    destinations: US_POPULATION_MIX.map(({ zip, share }) => ({ zip, share })),
    residential_share: '100',
    stock_cover_days: 30,
    return_rate: '0',
    return_disposition: 'restock',
    insurance: false,
    add_ons: [],
    sku_source: accountId ? 'catalogue' : 'manual',
    catalogue: {},
    manual_skus: [{ ...NEW_MANUAL_SKU }],
  };

  return (
    <Form<QuoteFormValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={initialValues}
      onFinish={submit}
      scrollToFirstError={{ block: 'center' }}
      disabled={create.isPending}
      className="quote-form"
    >
      <Flex vertical gap={16}>
        <div>
          <QuoteTarget account={account} isStaff={isStaff} />
        </div>

        <Card size="small" title={t('quoteForm.section.volume')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('quoteForm.ordersPerDay')}
                name="orders_per_day"
                rules={[{ required: true, message: t('quoteForm.ordersPerDayRequired') }]}
              >
                <InputNumber<string>
                  data-testid="quote-orders-per-day"
                  stringMode
                  min="0"
                  placeholder={t('quoteForm.ordersPlaceholder')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item label={t('quoteForm.channels')} name="channels">
                <Select
                  data-testid="quote-channels"
                  mode="multiple"
                  allowClear
                  placeholder={t('quoteForm.channelsPlaceholder')}
                  options={CHANNELS.map((value) => ({ value, label: t(`channel.${value}`), 'data-testid': `quote-channel-${value}` }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('quoteForm.section.skus')}>
          {accountId ? (
            <Form.Item name="sku_source" label={t('quoteForm.skuSource')}>
              <Segmented<SkuSource>
                data-testid="quote-sku-source"
                options={[
                  { value: 'catalogue', label: t('quoteForm.source.catalogue') },
                  { value: 'manual', label: t('quoteForm.source.manual') },
                ]}
              />
            </Form.Item>
          ) : null}
          {source === 'catalogue' && accountId ? (
            <>
              {catalogue.isError ? <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} /> : null}
              <Form.Item
                name="catalogue"
                rules={[
                  {
                    validator: async (_, value: Record<string, string> | undefined) => {
                      if (Object.keys(value ?? {}).length === 0) throw new Error(t('quoteForm.skusRequired'));
                    },
                  },
                ]}
              >
                <CatalogueSkuPicker skus={catalogue.data ?? []} loading={catalogue.isLoading} />
              </Form.Item>
              <Typography.Text type="secondary">
                {t('quoteForm.sheetHint')} <Link to="/skus/import">{t('quoteForm.sheetImport')}</Link>
              </Typography.Text>
            </>
          ) : (
            <ManualSkusInput />
          )}
        </Card>

        <Card size="small" title={t('quoteForm.section.shipping')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('quoteForm.warehouse')}
                name="origin_warehouse"
                rules={[{ required: true, message: t('quoteForm.warehouseRequired') }]}
              >
                <Select
                  data-testid="quote-warehouse"
                  loading={warehouses.isLoading}
                  options={(warehouses.data ?? []).map((w) => ({
                    value: w.code,
                    label: `${w.code} · ${localizedName(w, locale)}`,
                    'data-testid': `quote-warehouse-option-${w.code}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('quoteForm.residential')} name="residential_share" extra={t('quoteForm.residentialHelp')}>
                <InputNumber<string> stringMode min="0" max="100" suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('quoteForm.promise')} name="delivery_promise_days" extra={t('quoteForm.promiseHelp')}>
                <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('quoteForm.destinations')} extra={t('quoteForm.destinationsHelp')} required>
            <DestinationMixInput />
          </Form.Item>
          {warehouses.isError ? <ErrorAlert error={warehouses.error} onRetry={() => void warehouses.refetch()} /> : null}
        </Card>

        <Card size="small" title={t('quoteForm.section.stock')}>
          {card.error ? <Alert type="warning" showIcon title={t('quoteForm.cardFailed')} style={{ marginBottom: 16 }} /> : null}
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item label={t('quoteForm.lane')} name="first_leg_lane">
                <Select
                  data-testid="quote-lane"
                  allowClear
                  loading={card.isLoading}
                  placeholder={t('quoteForm.lanePlaceholder')}
                  options={laneOptions}
                  showSearch={{ optionFilterProp: 'search' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('quoteForm.stockCover')} name="stock_cover_days" extra={t('quoteForm.stockCoverHelp')}>
                <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('quoteForm.section.extras')}>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item label={t('quoteForm.returnRate')} name="return_rate">
                <InputNumber<string> stringMode min="0" max="100" suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('quoteForm.returnDisposition')} name="return_disposition">
                <Select options={RETURN_DISPOSITIONS.map((value) => ({ value, label: t(`disposition.${value}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label={t('quoteForm.insurance')} name="insurance" valuePropName="checked">
                <Switch data-testid="quote-insurance" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('quoteForm.addOns')}>
            <AddOnsInput rules={addOnRules} currency={doc?.currency ?? 'USD'} />
          </Form.Item>
        </Card>

        {create.isError ? <ErrorAlert error={withSkuNames(create.error, create.variables)} testId="quote-error" /> : null}
        <Flex justify="flex-end">
          <Button
            data-testid="quote-submit"
            type="primary"
            size="large"
            htmlType="submit"
            icon={<CalculatorOutlined />}
            loading={create.isPending}
          >
            {t('quoteForm.submit')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
