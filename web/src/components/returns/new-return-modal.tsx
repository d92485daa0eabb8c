import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useCatalogue } from '../../hooks/use-catalogue';
import { useI18n } from '../../i18n/i18n-context';
import { localizedName } from '../../lib/localized-name';
import { useAccountScope } from '../../session/account-scope';
import { useSession } from '../../session/session-context';
import type { Rma } from '../../types-returns';
import { ErrorAlert } from '../error-alert';
import { newSkuLine, type SkuLine, SkuLinesField } from './sku-lines-field';
import { useStockWarehouses } from './use-stock-warehouses';

interface Values {
  warehouse_id?: string;
  order_reference?: string;
  tracking_number?: string;
  carrier?: string;
  reason?: string;
}

/** A seller announces a parcel coming back (staff for the account picked in the switcher). */
export function NewReturnModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (rma: Rma) => void }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const { isStaff } = useSession();
  const { targetAccount } = useAccountScope();
  const accountId = targetAccount?.id ?? null;
  const catalogue = useCatalogue(isStaff ? accountId : null, open && (!isStaff || accountId !== null));
  const warehouses = useStockWarehouses();
  const [form] = Form.useForm<Values>();
  const [lines, setLines] = useState<SkuLine[]>(() => [newSkuLine()]);

  const create = useMutation({
    mutationFn: (values: Values) =>
      api<Rma>('/v1/returns', {
        method: 'POST',
        body: {
          account_id: isStaff ? accountId : undefined,
          warehouse_id: values.warehouse_id || null,
          order_reference: values.order_reference?.trim() || null,
          tracking_number: values.tracking_number?.trim() || null,
          carrier: values.carrier?.trim() || null,
          reason: values.reason?.trim() || null,
          lines: lines.map((l) => ({ sku_id: l.skuId ?? undefined, quantity: l.quantity ?? 0 })),
        },
      }),
    onSuccess: (rma) => {
      void queryClient.invalidateQueries({ queryKey: ['returns'] });
      close();
      onCreated(rma);
    },
  });

  function close() {
    create.reset();
    form.resetFields();
    setLines([newSkuLine()]);
    onClose();
  }

  return (
    <Modal
      open={open}
      width={720}
      title={t('returns.new.title')}
      okText={t('returns.new.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: isStaff && !accountId, ...({ 'data-testid': 'return-create-submit' } as object) }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(values) => create.mutate(values)}>
        <Form.Item label={t('returns.new.account')}>
          <Typography.Text>
            {targetAccount ? `${targetAccount.code} · ${localizedName(targetAccount, locale)}` : t('returns.new.pickAccount')}
          </Typography.Text>
        </Form.Item>
        <Form.Item label={t('returns.new.lines')} required>
          <SkuLinesField
            lines={lines}
            onChange={setLines}
            catalogue={catalogue.data ?? []}
            loading={catalogue.isLoading}
            testId="return-lines"
          />
        </Form.Item>
        <Form.Item label={t('returns.new.warehouse')} name="warehouse_id" extra={t('returns.new.warehouseHelp')}>
          <Select
            allowClear
            options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${localizedName(w, locale)}` }))}
          />
        </Form.Item>
        <Form.Item label={t('returns.new.orderReference')} name="order_reference">
          <Input maxLength={200} data-testid="return-order-reference" />
        </Form.Item>
        <Form.Item label={t('returns.new.tracking')} name="tracking_number">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('returns.new.carrier')} name="carrier">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('returns.new.reason')} name="reason">
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
      {create.error ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}
