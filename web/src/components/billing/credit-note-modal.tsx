import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import { formatMoney } from '../../lib/format-money';
import { localizedText } from '../../lib/localized-text';
import type { InvoiceDetail } from '../../types-billing';
import { ErrorAlert } from '../error-alert';
import { INVOICES_KEY } from './run-billing-modal';

interface Values {
  reason: string;
  mode: 'lines' | 'amount';
  lines?: string[];
  amount?: string;
}

/** Staff: a credit note on a finalized invoice — chosen lines in full, or an amount on the whole invoice. */
export function CreditNoteModal({ invoice, open, onClose }: { invoice: InvoiceDetail; open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<Values['mode']>('lines');
  const create = useMutation({
    mutationFn: (values: Values) =>
      api<InvoiceDetail>(`/v1/invoices/${invoice.id}/credit-notes`, {
        method: 'POST',
        body:
          values.mode === 'lines'
            ? { reason: values.reason, lines: (values.lines ?? []).map((id) => ({ line_id: id })) }
            : { reason: values.reason, amount: values.amount },
      }),
    onSuccess: (note) => {
      void queryClient.invalidateQueries({ queryKey: [INVOICES_KEY] });
      message.success(t('bills.credit.created', { number: note.number ?? '' }));
      onClose();
      navigate(`/bills/${note.id}`);
    },
  });
  return (
    <Modal
      open={open}
      title={t('bills.credit.title', { number: invoice.number ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('bills.credit.submit')}
      okButtonProps={{ loading: create.isPending, danger: true }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ mode: 'lines' }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="reason" label={t('bills.credit.reason')} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="mode">
          <Radio.Group
            onChange={(e) => setMode(e.target.value as Values['mode'])}
            options={[
              { value: 'lines', label: t('bills.credit.byLines') },
              { value: 'amount', label: t('bills.credit.byAmount') },
            ]}
          />
        </Form.Item>
        {mode === 'lines' ? (
          <Form.Item name="lines" label={t('bills.credit.lines')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={invoice.lines
                .filter((l) => BigInt(l.amount.amount_minor) > 0n)
                .map((l) => ({
                  value: l.id,
                  label: `#${l.line_no} ${localizedText(l.label, locale)} · ${formatMoney(l.amount, locale)}`,
                }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="amount"
            label={t('bills.credit.amount', { currency: invoice.currency })}
            rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: t('bills.credit.amountInvalid') }]}
          >
            <Input inputMode="decimal" placeholder="10.00" />
          </Form.Item>
        )}
        {create.error ? <ErrorAlert error={create.error} /> : null}
      </Form>
    </Modal>
  );
}
