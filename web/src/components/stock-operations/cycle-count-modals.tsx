import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { api, fetchAllPages } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../lib/format-date';
import { localizedName } from '../../lib/localized-name';
import type { CycleCount, CycleCountLine, CycleCountStatus } from '../../types-stock-operations';
import type { StockLocation } from '../../types-inventory';
import { OrDash } from '../empty-value';
import { ErrorAlert } from '../error-alert';
import { useStockWarehouses } from '../returns/use-stock-warehouses';

const STATUS_COLOURS: Record<CycleCountStatus, string> = { open: 'blue', submitted: 'orange', approved: 'green', cancelled: 'default' };

export function CycleCountStatusTag({ status }: { status: CycleCountStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(`cycleCounts.status.${status}`)}</Tag>;
}

/** One count, as the detail modal and the list read it. */
export function useCycleCount(id: string | null) {
  return useQuery({
    queryKey: ['cycle-counts', id],
    queryFn: () => api<CycleCount>(`/v1/cycle-counts/${id}`),
    enabled: id !== null,
  });
}

interface OpenValues {
  warehouse_id: string;
  scope: 'zone' | 'locations';
  zone?: string;
  location_codes?: string[];
  note?: string;
}

/** Staff open a count of a zone or of some locations: each (location, lot) holding units becomes a line. */
export function OpenCycleCountModal({
  open,
  onClose,
  onOpened,
}: {
  open: boolean;
  onClose: () => void;
  onOpened: (c: CycleCount) => void;
}) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const warehouses = useStockWarehouses();
  const [form] = Form.useForm<OpenValues>();
  const warehouseId = Form.useWatch('warehouse_id', form);
  const scope = Form.useWatch('scope', form);
  const locations = useQuery({
    queryKey: ['locations', 'all', warehouseId],
    queryFn: () => fetchAllPages<StockLocation>('/v1/locations', { warehouse_id: warehouseId }),
    enabled: open && Boolean(warehouseId),
    staleTime: 60_000,
  });
  const zones = useMemo(
    () => [...new Set((locations.data ?? []).map((l) => l.zone).filter((z): z is string => Boolean(z)))].sort(),
    [locations.data],
  );

  const create = useMutation({
    mutationFn: (v: OpenValues) =>
      api<CycleCount>('/v1/cycle-counts', {
        method: 'POST',
        body: {
          warehouse_id: v.warehouse_id,
          zone: v.scope === 'zone' ? v.zone?.trim() : undefined,
          location_codes: v.scope === 'locations' ? v.location_codes : undefined,
          note: v.note?.trim() || null,
        },
      }),
    onSuccess: (count) => {
      queryClient.setQueryData(['cycle-counts', count.id], count);
      onOpened(count);
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
      title={t('cycleCounts.open.title')}
      okText={t('cycleCounts.open.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      okButtonProps={{ ...({ 'data-testid': 'cycle-count-open-submit' } as object) }}
      destroyOnHidden
    >
      <Form<OpenValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => create.mutate(v)}
        initialValues={{ scope: 'zone' }}
      >
        <Form.Item
          label={t('cycleCounts.col.warehouse')}
          name="warehouse_id"
          rules={[{ required: true, message: t('cycleCounts.open.warehouseRequired') }]}
        >
          <Select
            data-testid="cycle-count-warehouse"
            loading={warehouses.isLoading}
            options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${localizedName(w, locale)}` }))}
          />
        </Form.Item>
        <Form.Item label={t('cycleCounts.open.scope')} name="scope">
          <Radio.Group
            options={[
              { value: 'zone', label: t('cycleCounts.open.byZone') },
              { value: 'locations', label: t('cycleCounts.open.byLocations') },
            ]}
          />
        </Form.Item>
        {scope === 'locations' ? (
          <Form.Item
            label={t('cycleCounts.open.locations')}
            name="location_codes"
            extra={t('cycleCounts.open.locationsHelp')}
            rules={[{ required: true, type: 'array', min: 1, message: t('cycleCounts.open.locationsRequired') }]}
          >
            <Select
              data-testid="cycle-count-locations"
              mode="tags"
              tokenSeparators={[',', ' ']}
              loading={locations.isLoading}
              options={(locations.data ?? []).map((l) => ({ value: l.code, label: `${l.code} (${l.units ?? 0})` }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            label={t('cycleCounts.open.zone')}
            name="zone"
            rules={[{ required: true, whitespace: true, message: t('cycleCounts.open.zoneRequired') }]}
          >
            <Select
              data-testid="cycle-count-zone"
              showSearch
              loading={locations.isLoading}
              options={zones.map((z) => ({ value: z, label: z }))}
              notFoundContent={t('cycleCounts.open.noZones')}
            />
          </Form.Item>
        )}
        <Form.Item label={t('cycleCounts.note')} name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
      {create.error ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}

/**
 * A count's lines: enter counted units while it is open, submit when every line is counted,
 * then read the variance per line before approving (one count movement per line that differs).
 */
export function CycleCountModal({ countId, onClose }: { countId: string | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const count = useCycleCount(countId);
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const c = count.data;
  const editable = c?.status === 'open';

  const counted = (l: CycleCountLine) => (l.id in drafts ? drafts[l.id] : l.counted);
  const dirty = (c?.lines ?? []).filter((l) => l.id in drafts && drafts[l.id] !== null && drafts[l.id] !== l.counted);
  const uncounted = (c?.lines ?? []).filter((l) => counted(l) === null || counted(l) === undefined).length;

  const settle = (next: CycleCount) => {
    queryClient.setQueryData(['cycle-counts', next.id], next);
    void queryClient.invalidateQueries({ queryKey: ['inventory'] });
  };

  const save = useMutation({
    mutationFn: async () => {
      if (!c || dirty.length === 0) return c as CycleCount;
      return api<CycleCount>(`/v1/cycle-counts/${c.id}/counts`, {
        method: 'POST',
        body: { lines: dirty.map((l) => ({ line_id: l.id, counted: drafts[l.id] as number })) },
      });
    },
    onSuccess: (next) => {
      settle(next);
      setDrafts({});
    },
  });

  const step = useMutation({
    mutationFn: async (action: 'submit' | 'approve' | 'cancel') => {
      if (!c) throw new Error('No count');
      if (action === 'submit' && dirty.length > 0) {
        const saved = await api<CycleCount>(`/v1/cycle-counts/${c.id}/counts`, {
          method: 'POST',
          body: { lines: dirty.map((l) => ({ line_id: l.id, counted: drafts[l.id] as number })) },
        });
        settle(saved);
        setDrafts({});
      }
      return api<CycleCount>(`/v1/cycle-counts/${c.id}/${action}`, { method: 'POST' });
    },
    onSuccess: (next) => settle(next),
  });

  function close() {
    save.reset();
    step.reset();
    setDrafts({});
    onClose();
  }

  // Rebuilt each render: the inputs read the current drafts.
  const columns: TableColumnsType<CycleCountLine> = [
    { key: 'location', title: t('cycleCounts.col.location'), dataIndex: 'location_code' },
    { key: 'sku', title: t('cycleCounts.col.sku'), render: (_, l) => <Typography.Text code>{l.seller_sku}</Typography.Text> },
    { key: 'lot', title: t('cycleCounts.col.lot'), dataIndex: 'lot_code' },
    { key: 'expected', title: t('cycleCounts.col.expected'), dataIndex: 'expected', align: 'right' },
    {
      key: 'counted',
      title: t('cycleCounts.col.counted'),
      align: 'right',
      render: (_, l) =>
        editable ? (
          <InputNumber
            data-testid={`cycle-count-counted-${l.location_code}-${l.lot_code}`}
            min={0}
            precision={0}
            value={counted(l)}
            onChange={(v) => setDrafts((d) => ({ ...d, [l.id]: v }))}
            style={{ width: 100 }}
          />
        ) : (
          <OrDash>{l.counted}</OrDash>
        ),
    },
    {
      key: 'variance',
      title: t('cycleCounts.col.variance'),
      align: 'right',
      render: (_, l) => {
        const n = counted(l);
        if (n === null || n === undefined) return <OrDash>{null}</OrDash>;
        const variance = n - l.expected;
        if (variance === 0) return <Typography.Text type="secondary">0</Typography.Text>;
        return (
          <Typography.Text strong type={variance < 0 ? 'danger' : 'warning'}>
            {variance > 0 ? `+${variance}` : variance}
          </Typography.Text>
        );
      },
    },
  ];

  const differing = (c?.lines ?? []).filter((l) => (l.variance ?? 0) !== 0);
  const error = save.error ?? step.error ?? count.error;

  const footer = c ? (
    <Flex gap={8} justify="flex-end" wrap>
      {c.status === 'open' || c.status === 'submitted' ? (
        <Popconfirm
          title={t('cycleCounts.cancelConfirm')}
          onConfirm={() => step.mutate('cancel')}
          okText={t('cycleCounts.cancel')}
          cancelText={t('common.cancel')}
        >
          <Button danger loading={step.isPending && step.variables === 'cancel'} data-testid="cycle-count-cancel">
            {t('cycleCounts.cancel')}
          </Button>
        </Popconfirm>
      ) : null}
      {editable ? (
        <Button onClick={() => save.mutate()} disabled={dirty.length === 0} loading={save.isPending} data-testid="cycle-count-save">
          {t('cycleCounts.save')}
        </Button>
      ) : null}
      {editable ? (
        <Button
          type="primary"
          onClick={() => step.mutate('submit')}
          disabled={uncounted > 0}
          title={uncounted > 0 ? t('cycleCounts.uncounted', { count: uncounted }) : undefined}
          loading={step.isPending && step.variables === 'submit'}
          data-testid="cycle-count-submit"
        >
          {t('cycleCounts.submit')}
        </Button>
      ) : null}
      {c.status === 'submitted' ? (
        <Popconfirm
          title={t('cycleCounts.approveConfirm', { lines: differing.length, units: c.units_off })}
          onConfirm={() => step.mutate('approve')}
          okText={t('cycleCounts.approve')}
          cancelText={t('common.cancel')}
        >
          <Button type="primary" loading={step.isPending && step.variables === 'approve'} data-testid="cycle-count-approve">
            {t('cycleCounts.approve')}
          </Button>
        </Popconfirm>
      ) : null}
      <Button onClick={close}>{t('common.close')}</Button>
    </Flex>
  ) : null;

  return (
    <Modal
      open={countId !== null}
      width={900}
      title={c ? t('cycleCounts.detail.title', { number: c.number }) : t('common.loading')}
      onCancel={close}
      footer={footer}
      destroyOnHidden
    >
      {c ? (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={3}
            items={[
              { key: 'status', label: t('cycleCounts.col.status'), children: <CycleCountStatusTag status={c.status} /> },
              { key: 'warehouse', label: t('cycleCounts.col.warehouse'), children: c.warehouse_code },
              { key: 'created', label: t('cycleCounts.col.created'), children: formatDateTime(c.created_at, locale) },
              {
                key: 'submitted',
                label: t('cycleCounts.col.submitted'),
                children: <OrDash>{formatDateTime(c.submitted_at, locale)}</OrDash>,
              },
              { key: 'approved', label: t('cycleCounts.col.approved'), children: <OrDash>{formatDateTime(c.approved_at, locale)}</OrDash> },
              { key: 'off', label: t('cycleCounts.col.unitsOff'), children: c.units_off },
              ...(c.note ? [{ key: 'note', label: t('cycleCounts.note'), children: c.note, span: 3 }] : []),
            ]}
          />
          {c.status === 'submitted' ? (
            <Alert
              type={differing.length > 0 ? 'warning' : 'success'}
              showIcon
              title={
                differing.length > 0
                  ? t('cycleCounts.review', { lines: differing.length, units: c.units_off })
                  : t('cycleCounts.reviewNone')
              }
            />
          ) : null}
          {editable && c.lines.length === 0 ? <Alert type="info" showIcon title={t('cycleCounts.noLines')} /> : null}
          <Table<CycleCountLine>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content', y: 480 }}
            columns={columns}
            dataSource={c.lines}
            data-testid="cycle-count-lines"
          />
        </Flex>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
