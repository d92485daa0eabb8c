import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, isApiError } from '../api';
import { OrDash } from '../components/empty-value';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useCursorList } from '../hooks/use-cursor-list';
import { useFulfilmentWarehouses } from '../hooks/use-fulfilment-warehouses';
import { useI18n } from '../i18n/i18n-context';
import type { StockLocation } from '../types-inventory';

const TYPES = ['bin', 'shelf', 'pallet', 'floor'] as const;

/** Staff: the locations of a warehouse (zone-aisle-shelf-bin), what they hold, and new racking by range. */
export function LocationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const warehouses = useFulfilmentWarehouses();
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ range: string; location_type: (typeof TYPES)[number]; capacity_units?: number }>();

  useEffect(() => {
    if (!warehouseId && warehouses.data?.[0]) setWarehouseId(warehouses.data[0].id);
  }, [warehouseId, warehouses.data]);

  const list = useCursorList<StockLocation>(
    'locations',
    '/v1/locations',
    { warehouse_id: warehouseId, q: q.trim() || null },
    { enabled: Boolean(warehouseId), limit: 100 },
  );

  const create = useMutation({
    mutationFn: (values: { range: string; location_type: string; capacity_units?: number }) =>
      api<{ created: StockLocation[]; skipped: string[] }>('/v1/locations/range', {
        method: 'POST',
        body: {
          warehouse_id: warehouseId,
          range: values.range.trim(),
          location_type: values.location_type,
          capacity_units: values.capacity_units ?? null,
        },
      }),
    onSuccess: (result) => {
      void message.success(t('locations.created', { created: result.created.length, skipped: result.skipped.length }));
      setCreating(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['locations'] });
    },
  });

  const columns = useMemo<TableColumnsType<StockLocation>>(
    () => [
      { key: 'code', title: t('locations.col.code'), dataIndex: 'code' },
      {
        key: 'type',
        title: t('locations.col.type'),
        render: (_, l) => (
          <Tag color={['bin', 'shelf', 'pallet', 'floor'].includes(l.location_type) ? undefined : 'blue'}>{l.location_type}</Tag>
        ),
      },
      { key: 'zone', title: t('locations.col.zone'), render: (_, l) => <OrDash>{l.zone}</OrDash> },
      { key: 'units', title: t('locations.col.units'), align: 'right', render: (_, l) => l.units ?? 0 },
      { key: 'capacity', title: t('locations.col.capacity'), align: 'right', render: (_, l) => <OrDash>{l.capacity_units}</OrDash> },
      {
        key: 'status',
        title: t('locations.col.status'),
        render: (_, l) => (l.status === 'active' ? t('locations.active') : <Tag>{t('locations.archived')}</Tag>),
      },
    ],
    [t],
  );

  const error = create.error && isApiError(create.error) ? (create.error.details[0]?.message ?? create.error.message) : null;

  return (
    <>
      <PageHeader
        title={t('locations.title')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} disabled={!warehouseId} data-testid="locations-new">
            {t('locations.newRange')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('locations.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={8} wrap style={{ margin: '16px 0' }}>
        <Select<string>
          value={warehouseId ?? undefined}
          onChange={setWarehouseId}
          style={{ width: 200 }}
          options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.code }))}
          data-testid="locations-warehouse"
        />
        <Input.Search
          allowClear
          placeholder={t('locations.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 220 }}
        />
      </Flex>
      <PagedTable<StockLocation> list={list} columns={columns} testId="location-table" emptyText={t('locations.empty')} size="small" />
      <Modal
        open={creating}
        title={t('locations.newRange')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((values) => create.mutate(values))}
      >
        <Form form={form} layout="vertical" initialValues={{ location_type: 'bin' }}>
          <Form.Item
            name="range"
            label={t('locations.range')}
            extra={t('locations.rangeHelp')}
            rules={[{ required: true, message: t('locations.rangeRequired') }]}
            validateStatus={error ? 'error' : undefined}
            help={error ?? undefined}
          >
            <Input placeholder="A-01-01..A-10-05" data-testid="locations-range" />
          </Form.Item>
          <Form.Item name="location_type" label={t('locations.col.type')}>
            <Select options={TYPES.map((type) => ({ value: type, label: type }))} />
          </Form.Item>
          <Form.Item name="capacity_units" label={t('locations.col.capacity')}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
