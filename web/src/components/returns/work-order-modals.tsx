import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { api } from '../../api';
import { useCatalogue } from '../../hooks/use-catalogue';
import { useI18n } from '../../i18n/i18n-context';
import { localizedName, skuTitle } from '../../lib/localized-name';
import { useAccountScope } from '../../session/account-scope';
import { useSession } from '../../session/session-context';
import type { WorkOrder, WorkOrderKind } from '../../types-returns';
import { ErrorAlert } from '../error-alert';
import { parsePhotos } from './labels';
import { useStockWarehouses } from './use-stock-warehouses';

export const KINDS: WorkOrderKind[] = ['qc', 'photos', 'relabel', 'kitting', 'dekitting', 'disposal', 'ship_back', 'transfer_out'];
const NEEDS_SKU: WorkOrderKind[] = ['relabel', 'kitting', 'dekitting', 'disposal', 'ship_back', 'transfer_out'];
const NEEDS_DESTINATION: WorkOrderKind[] = ['ship_back', 'transfer_out'];

interface NewValues {
  warehouse_id: string;
  kind: WorkOrderKind;
  sku_id?: string;
  quantity: number;
  instructions?: string;
  destination?: string;
}

/** A request for bench work, or for stock to leave the building. */
export function NewWorkOrderModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const { isStaff } = useSession();
  const { targetAccount } = useAccountScope();
  const accountId = targetAccount?.id ?? null;
  const warehouses = useStockWarehouses();
  const catalogue = useCatalogue(isStaff ? accountId : null, open && (!isStaff || accountId !== null));
  const [form] = Form.useForm<NewValues>();
  const kind = Form.useWatch('kind', form);

  const create = useMutation({
    mutationFn: (v: NewValues) =>
      api<WorkOrder>('/v1/work-orders', {
        method: 'POST',
        body: {
          account_id: isStaff ? accountId : undefined,
          warehouse_id: v.warehouse_id,
          kind: v.kind,
          sku_id: v.sku_id ?? null,
          quantity: v.quantity,
          instructions: v.instructions?.trim() || null,
          destination: v.destination?.trim() || null,
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      close();
    },
  });

  function close() {
    create.reset();
    form.resetFields();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t('workOrders.new.title')}
      okText={t('workOrders.new.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: isStaff && !accountId, ...({ 'data-testid': 'work-order-create-submit' } as object) }}
      destroyOnHidden
    >
      <Form<NewValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => create.mutate(v)}
        initialValues={{ kind: 'photos', quantity: 1 }}
      >
        <Form.Item label={t('returns.new.account')}>
          <Typography.Text>
            {targetAccount ? `${targetAccount.code} · ${localizedName(targetAccount, locale)}` : t('returns.new.pickAccount')}
          </Typography.Text>
        </Form.Item>
        <Form.Item label={t('workOrders.col.kind')} name="kind" rules={[{ required: true }]}>
          <Select data-testid="work-order-kind" options={KINDS.map((k) => ({ value: k, label: t(`workOrders.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('workOrders.col.warehouse')}
          name="warehouse_id"
          rules={[{ required: true, message: t('workOrders.new.warehouseRequired') }]}
        >
          <Select
            data-testid="work-order-warehouse"
            options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${localizedName(w, locale)}` }))}
          />
        </Form.Item>
        <Form.Item
          label={kind === 'kitting' || kind === 'dekitting' ? t('workOrders.new.kitSku') : t('workOrders.col.sku')}
          name="sku_id"
          rules={[{ required: kind ? NEEDS_SKU.includes(kind) : false, message: t('workOrders.new.skuRequired') }]}
        >
          <Select
            data-testid="work-order-sku"
            allowClear
            showSearch
            optionFilterProp="label"
            loading={catalogue.isLoading}
            options={(catalogue.data ?? []).map((s) => ({ value: s.id, label: `${s.seller_sku} · ${skuTitle(s, locale)}` }))}
          />
        </Form.Item>
        <Form.Item
          label={kind === 'kitting' || kind === 'dekitting' ? t('workOrders.new.kits') : t('workOrders.col.quantity')}
          name="quantity"
          rules={[{ required: true }]}
        >
          <InputNumber data-testid="work-order-quantity" min={1} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {kind && NEEDS_DESTINATION.includes(kind) ? (
          <Form.Item
            label={t('workOrders.col.destination')}
            name="destination"
            rules={[{ required: true, whitespace: true, message: t('workOrders.new.destinationRequired') }]}
          >
            <Input maxLength={1000} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('workOrders.col.instructions')} name="instructions">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
      {create.error ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}

interface CompleteValues {
  units_done: number;
  minutes?: number | null;
  photos?: string;
  note?: string;
}

/** Staff record what was done; stock moves with it (kitting consumes components, disposal removes units). */
export function CompleteWorkOrderModal({ order, onClose }: { order: WorkOrder | null; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CompleteValues>();
  const complete = useMutation({
    mutationFn: (v: CompleteValues) => {
      const photos = parsePhotos(v.photos ?? '');
      return api<WorkOrder>(`/v1/work-orders/${order?.id}/complete`, {
        method: 'POST',
        body: {
          units_done: v.units_done,
          minutes: v.minutes ?? null,
          evidence: photos.length > 0 ? { photos, note: v.note?.trim() || null } : null,
          note: v.note?.trim() || null,
        },
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['returns'] });
      void queryClient.invalidateQueries({ queryKey: ['exit-plans'] });
      void queryClient.invalidateQueries({ queryKey: ['kits'] });
      close();
    },
  });
  function close() {
    complete.reset();
    form.resetFields();
    onClose();
  }
  return (
    <Modal
      open={order !== null}
      title={order ? t('workOrders.complete.title', { number: order.number }) : ''}
      okText={t('workOrders.complete.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={complete.isPending}
      okButtonProps={{ ...({ 'data-testid': 'work-order-complete-submit' } as object) }}
      destroyOnHidden
    >
      {order ? (
        <Form<CompleteValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => complete.mutate(v)}
          initialValues={{ units_done: order.quantity }}
        >
          <Typography.Paragraph type="secondary">
            {t(`workOrders.kind.${order.kind}`)} · {order.seller_sku ?? t('common.none')} · {order.warehouse_code}
          </Typography.Paragraph>
          <Form.Item label={t('workOrders.complete.units', { quantity: order.quantity })} name="units_done" rules={[{ required: true }]}>
            <InputNumber data-testid="work-order-units" min={0} max={order.quantity} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t('workOrders.col.minutes')} name="minutes">
            <InputNumber data-testid="work-order-minutes" min={0} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t(order.kind === 'disposal' ? 'returns.inspect.photosRequired' : 'returns.inspect.photos')} name="photos">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label={t('returns.inspect.note')} name="note">
            <Input maxLength={2000} />
          </Form.Item>
        </Form>
      ) : null}
      {complete.error ? <ErrorAlert error={complete.error} /> : null}
    </Modal>
  );
}
