import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Flex, Form, Input, Modal, Select } from 'antd';
import { api } from '../../api';
import { useT } from '../../i18n/i18n-context';
import { INBOUND_PLANS_KEY, type InboundPlan } from '../../inbound/types';
import { ErrorAlert } from '../error-alert';

interface Values {
  status?: 'in_transit' | 'arrived';
  carrier?: string;
  vessel?: string;
  voyage?: string;
  container_number?: string;
  tracking_number?: string;
  etd?: string;
  eta?: string;
  customs_status?: string;
  customs_entry_number?: string;
  customs_note?: string;
}

const day = (d: string | undefined) => (d ? d : null);
const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Staff: first leg (vessel, container, tracking, ETD/ETA), departure and arrival, customs. */
export function ShipmentModal({ plan, open, onClose }: { plan: InboundPlan; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<InboundPlan>(`/v1/inbound-plans/${plan.id}/shipment`, {
        method: 'PATCH',
        body: {
          ...(v.status ? { status: v.status } : {}),
          carrier: blank(v.carrier),
          vessel: blank(v.vessel),
          voyage: blank(v.voyage),
          container_number: blank(v.container_number),
          tracking_number: blank(v.tracking_number),
          etd: day(v.etd),
          eta: day(v.eta),
          ...(v.customs_status && v.customs_status !== plan.customs.status ? { customs_status: v.customs_status } : {}),
          customs_entry_number: blank(v.customs_entry_number),
          customs_note: blank(v.customs_note),
        },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData([INBOUND_PLANS_KEY, 'one', plan.id], updated);
      void queryClient.invalidateQueries({ queryKey: [INBOUND_PLANS_KEY, 'list'] });
      message.success(t('inbound.shipment.saved'));
      onClose();
    },
  });
  const steps = plan.next_statuses.filter((s): s is 'in_transit' | 'arrived' => s === 'in_transit' || s === 'arrived');
  return (
    <Modal
      open={open}
      title={t('inbound.shipment.title', { number: plan.number })}
      onCancel={onClose}
      okText={t('inbound.shipment.save')}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          carrier: plan.carrier ?? '',
          vessel: plan.vessel ?? '',
          voyage: plan.voyage ?? '',
          container_number: plan.container_number ?? '',
          tracking_number: plan.tracking_number ?? '',
          etd: plan.etd ?? '',
          eta: plan.eta ?? '',
          customs_status: plan.customs.status,
          customs_entry_number: plan.customs.entry_number ?? '',
          customs_note: plan.customs.note ?? '',
        }}
      >
        {steps.length > 0 ? (
          <Form.Item name="status" label={t('inbound.shipment.step')}>
            <Select allowClear options={steps.map((s) => ({ value: s, label: t(`inbound.status.${s}`) }))} data-testid="shipment-status" />
          </Form.Item>
        ) : null}
        <Flex gap={12} wrap>
          <Form.Item name="carrier" label={t('inbound.detail.carrier')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="vessel" label={t('inbound.shipment.vessel')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="voyage" label={t('inbound.shipment.voyage')} style={{ width: 120 }}>
            <Input maxLength={50} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="container_number" label={t('inbound.detail.container')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="tracking_number" label={t('inbound.detail.tracking')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="etd" label={t('inbound.detail.etd')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="eta" label={t('inbound.detail.eta')}>
            <Input type="date" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="customs_status" label={t('inbound.detail.customs')} style={{ minWidth: 160 }}>
            <Select
              options={['not_filed', 'filed', 'held', 'released'].map((s) => ({
                value: s,
                label: t(`inbound.customs.${s}` as 'inbound.customs.filed'),
              }))}
            />
          </Form.Item>
          <Form.Item name="customs_entry_number" label={t('inbound.shipment.entry')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={50} />
          </Form.Item>
        </Flex>
        <Form.Item name="customs_note" label={t('inbound.shipment.customsNote')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}
