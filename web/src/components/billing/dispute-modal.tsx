import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import { formatMoney } from '../../lib/format-money';
import { localizedText } from '../../lib/localized-text';
import type { InvoiceLine } from '../../types-billing';
import { DISPUTE_REASONS, type Dispute, type DisputeReason } from '../../types-disputes';
import { ErrorAlert } from '../error-alert';

export const DISPUTES_KEY = 'disputes';

interface Values {
  reason_code: DisputeReason;
  description: string;
  amount?: string;
}

/** The seller disputes one line of an invoice: a reason, what is wrong, and (optionally) how much it asks back. */
export function DisputeModal({ invoiceId, line, onClose }: { invoiceId: string; line: InvoiceLine | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const open = useMutation({
    mutationFn: (values: Values) =>
      api<Dispute>(`/v1/invoices/${invoiceId}/disputes`, {
        method: 'POST',
        body: {
          line_id: line?.id,
          reason_code: values.reason_code,
          description: values.description,
          ...(values.amount ? { amount: values.amount } : {}),
        },
      }),
    onSuccess: (dispute) => {
      void queryClient.invalidateQueries({ queryKey: [DISPUTES_KEY] });
      message.success(t('disputes.opened', { number: dispute.number }));
      onClose();
      navigate(`/disputes/${dispute.id}`);
    },
  });
  return (
    <Modal
      open={line !== null}
      title={line ? t('disputes.new.title', { no: line.line_no }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('disputes.new.submit')}
      okButtonProps={{ loading: open.isPending, 'data-testid': 'dispute-submit' } as { loading: boolean }}
      destroyOnHidden
    >
      {line ? (
        <Typography.Paragraph>
          <Typography.Text strong>{localizedText(line.label, locale)}</Typography.Text> · {formatMoney(line.amount, locale)}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ reason_code: 'wrong_quantity' }} onFinish={(v) => open.mutate(v)}>
        <Form.Item name="reason_code" label={t('disputes.reason')} rules={[{ required: true }]}>
          <Select data-testid="dispute-reason" options={DISPUTE_REASONS.map((r) => ({ value: r, label: t(`disputes.reason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('disputes.description')} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea data-testid="dispute-description" rows={3} placeholder={t('disputes.descriptionHint')} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('disputes.amount', { currency: line?.amount.currency ?? '' })}
          extra={t('disputes.amountHint')}
          rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: t('bills.credit.amountInvalid') }]}
        >
          <Input inputMode="decimal" placeholder={line?.amount.amount} />
        </Form.Item>
        {open.error ? <ErrorAlert error={open.error} /> : null}
      </Form>
    </Modal>
  );
}
