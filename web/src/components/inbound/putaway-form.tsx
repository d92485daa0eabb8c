import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, isApiError } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import { INBOUND_PLANS_KEY, type InboundPlan } from '../../inbound/types';
import { ErrorAlert } from '../error-alert';

interface PutawayResult {
  seller_sku: string;
  quantity: number;
  to_location: string;
  units_at_location: number;
  capacity_units: number | null;
  warnings: { code: string; message: string; messages: { en: string; zh: string } }[];
}

interface Values {
  sku: string;
  to: string;
  quantity: number;
}

/** Staff: move received units from the RECEIVING dock to a bin, shelf or pallet. */
export function PutawayForm({ plan }: { plan: InboundPlan }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [overCapacity, setOverCapacity] = useState<Values | null>(null);
  const staged = plan.skus.filter((s) => s.staged > 0);
  const put = useMutation({
    mutationFn: ({ values, allow }: { values: Values; allow: boolean }) =>
      api<PutawayResult>('/v1/putaway', {
        method: 'POST',
        body: {
          plan_id: plan.id,
          sku: values.sku,
          to_location: values.to,
          quantity: values.quantity,
          allow_over_capacity: allow,
          request_id: crypto.randomUUID(),
        },
      }),
    onSuccess: (r) => {
      setOverCapacity(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: [INBOUND_PLANS_KEY, 'one', plan.id] });
      message.success(t('putaway.done', { quantity: r.quantity, sku: r.seller_sku, location: r.to_location }));
      for (const w of r.warnings) message.warning(locale === 'zh-CN' ? w.messages.zh : w.messages.en);
    },
    onError: (error, { values }) => {
      if (isApiError(error) && error.details.some((d) => d.code === 'capacity_exceeded')) setOverCapacity(values);
    },
  });
  if (staged.length === 0) return null;
  return (
    <Card size="small" title={t('putaway.title')} style={{ marginTop: 16 }} data-testid="putaway-form">
      <Form form={form} layout="inline" onFinish={(values) => put.mutate({ values, allow: false })}>
        <Form.Item name="sku" rules={[{ required: true, message: t('inbound.form.required') }]}>
          <Select
            style={{ minWidth: 220 }}
            placeholder={t('inbound.col.sku')}
            options={staged.map((s) => ({ value: s.sku_id, label: `${s.seller_sku} (${s.staged})` }))}
            onChange={(id) => form.setFieldValue('quantity', staged.find((s) => s.sku_id === id)?.staged)}
          />
        </Form.Item>
        <Form.Item name="to" rules={[{ required: true, message: t('inbound.form.required') }]}>
          <Input placeholder={t('putaway.location')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="quantity" rules={[{ required: true, message: t('inbound.form.required') }]}>
          <InputNumber min={1} placeholder={t('inbound.col.quantity')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={put.isPending}>
          {t('putaway.submit')}
        </Button>
      </Form>
      {overCapacity ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={
            isApiError(put.error)
              ? ((locale === 'zh-CN' ? put.error.details[0]?.messages?.zh : put.error.details[0]?.messages?.en) ?? put.error.message)
              : ''
          }
          action={
            <Button size="small" onClick={() => put.mutate({ values: overCapacity, allow: true })}>
              {t('putaway.overCapacity')}
            </Button>
          }
        />
      ) : put.error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={put.error} />
        </div>
      ) : null}
      <Flex>
        <Typography.Text type="secondary" style={{ marginTop: 8 }}>
          {t('receiving.putawayHint')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
