import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, fetchAllPages } from '../../api';
import { useCatalogue } from '../../hooks/use-catalogue';
import { useI18n } from '../../i18n/i18n-context';
import { localizedName } from '../../lib/localized-name';
import { useAccountScope } from '../../session/account-scope';
import { useSession } from '../../session/session-context';
import type { Warehouse } from '../../types';
import type { Transfer, TransferLine } from '../../types-stock-operations';
import { ErrorAlert } from '../error-alert';
import { newSkuLine, type SkuLine, SkuLinesField } from '../returns/sku-lines-field';

/** Every active warehouse, the China consolidation warehouse included: a transfer may go back to China. */
function useTransferWarehouses() {
  return useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => fetchAllPages<Warehouse>('/v1/warehouses'),
    staleTime: 5 * 60_000,
    select: (all) => all.filter((w) => w.status === 'active'),
  });
}

interface NewValues {
  from_warehouse_id: string;
  to_warehouse_id: string;
  carrier?: string;
  tracking_number?: string;
  note?: string;
}

/** A draft transfer between two warehouses granted to the account; staff ship it. */
export function NewTransferModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const { isStaff } = useSession();
  const { targetAccount } = useAccountScope();
  const accountId = targetAccount?.id ?? null;
  const warehouses = useTransferWarehouses();
  const catalogue = useCatalogue(isStaff ? accountId : null, open && (!isStaff || accountId !== null));
  const [form] = Form.useForm<NewValues>();
  const from = Form.useWatch('from_warehouse_id', form);
  const [lines, setLines] = useState<SkuLine[]>(() => [newSkuLine()]);
  const [linesMissing, setLinesMissing] = useState(false);

  const options = (exclude?: string) =>
    (warehouses.data ?? [])
      .filter((w) => w.id !== exclude)
      .map((w) => ({
        value: w.id,
        label: (
          <>
            {w.code} · {localizedName(w, locale)}{' '}
            {w.kind === 'china_consolidation' ? <Tag color="volcano">{t('transfers.new.china')}</Tag> : null}
          </>
        ),
        search: `${w.code} ${localizedName(w, locale)}`,
      }));

  const create = useMutation({
    mutationFn: (v: NewValues) =>
      api<Transfer>('/v1/transfers', {
        method: 'POST',
        body: {
          account_id: isStaff ? accountId : undefined,
          from_warehouse_id: v.from_warehouse_id,
          to_warehouse_id: v.to_warehouse_id,
          lines: lines.map((l) => ({ sku_id: l.skuId, quantity: l.quantity })),
          carrier: v.carrier?.trim() || null,
          tracking_number: v.tracking_number?.trim() || null,
          note: v.note?.trim() || null,
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['transfers'] });
      close();
    },
  });

  function close() {
    create.reset();
    form.resetFields();
    setLines([newSkuLine()]);
    setLinesMissing(false);
    onClose();
  }

  function submit(v: NewValues) {
    const complete = lines.every((l) => l.skuId && l.quantity && l.quantity > 0);
    setLinesMissing(!complete);
    if (complete) create.mutate(v);
  }

  return (
    <Modal
      open={open}
      width={720}
      title={t('transfers.new.title')}
      okText={t('transfers.new.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: isStaff && !accountId, ...({ 'data-testid': 'transfer-create-submit' } as object) }}
      destroyOnHidden
    >
      <Form<NewValues> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item label={t('returns.new.account')}>
          <Typography.Text>
            {targetAccount ? `${targetAccount.code} · ${localizedName(targetAccount, locale)}` : t('returns.new.pickAccount')}
          </Typography.Text>
        </Form.Item>
        <Form.Item
          label={t('transfers.col.from')}
          name="from_warehouse_id"
          rules={[{ required: true, message: t('transfers.new.fromRequired') }]}
        >
          <Select data-testid="transfer-from" showSearch optionFilterProp="search" loading={warehouses.isLoading} options={options()} />
        </Form.Item>
        <Form.Item
          label={t('transfers.col.to')}
          name="to_warehouse_id"
          extra={t('transfers.new.toHelp')}
          rules={[{ required: true, message: t('transfers.new.toRequired') }]}
        >
          <Select data-testid="transfer-to" showSearch optionFilterProp="search" loading={warehouses.isLoading} options={options(from)} />
        </Form.Item>
        <Form.Item
          label={t('transfers.col.lines')}
          required
          validateStatus={linesMissing ? 'error' : undefined}
          help={linesMissing ? t('transfers.new.linesRequired') : undefined}
        >
          <SkuLinesField
            lines={lines}
            onChange={setLines}
            catalogue={catalogue.data ?? []}
            loading={catalogue.isLoading}
            testId="transfer-lines"
          />
        </Form.Item>
        <Form.Item label={t('transfers.carrier')} name="carrier">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('transfers.tracking')} name="tracking_number">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('transfers.note')} name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
      {create.error ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}

/** Staff ship a draft: units leave FIFO and are expected at the destination. */
export function ShipTransferModal({ transfer, onClose }: { transfer: Transfer | null; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ carrier?: string; tracking_number?: string }>();
  const ship = useMutation({
    mutationFn: (v: { carrier?: string; tracking_number?: string }) =>
      api<Transfer>(`/v1/transfers/${transfer?.id}/ship`, {
        method: 'POST',
        body: { carrier: v.carrier?.trim() || null, tracking_number: v.tracking_number?.trim() || null },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['transfers'] });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
      close();
    },
  });
  function close() {
    ship.reset();
    form.resetFields();
    onClose();
  }
  return (
    <Modal
      open={transfer !== null}
      title={transfer ? t('transfers.ship.title', { number: transfer.number }) : ''}
      okText={t('transfers.ship')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={ship.isPending}
      okButtonProps={{ ...({ 'data-testid': 'transfer-ship-submit' } as object) }}
      destroyOnHidden
    >
      {transfer ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => ship.mutate(v)}
          initialValues={{ carrier: transfer.carrier ?? undefined, tracking_number: transfer.tracking_number ?? undefined }}
        >
          <Typography.Paragraph type="secondary">
            {t('transfers.ship.intro', { from: transfer.from_warehouse_code, to: transfer.to_warehouse_code })}
          </Typography.Paragraph>
          <Form.Item label={t('transfers.carrier')} name="carrier">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('transfers.tracking')} name="tracking_number">
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      ) : null}
      {ship.error ? <ErrorAlert error={ship.error} /> : null}
    </Modal>
  );
}

interface ReceiptRow {
  received: number;
  damaged: number;
}

/** Staff receive a shipped transfer per line: good and damaged units; what is not counted is missing. */
export function ReceiveTransferModal({ transfer, onClose }: { transfer: Transfer | null; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Record<number, ReceiptRow>>({});
  const [note, setNote] = useState('');
  const row = (line: TransferLine): ReceiptRow => rows[line.line_no] ?? { received: line.shipped, damaged: 0 };
  const update = (line: TransferLine, patch: Partial<ReceiptRow>) =>
    setRows((current) => ({ ...current, [line.line_no]: { ...row(line), ...patch } }));

  const receive = useMutation({
    mutationFn: () =>
      api<Transfer>(`/v1/transfers/${transfer?.id}/receive`, {
        method: 'POST',
        body: {
          lines: (transfer?.lines ?? []).map((l) => ({ line_no: l.line_no, ...row(l) })),
          note: note.trim() || null,
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['transfers'] });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
      close();
    },
  });
  function close() {
    receive.reset();
    setRows({});
    setNote('');
    onClose();
  }

  // Rebuilt each render: the inputs read the current drafts.
  const columns: TableColumnsType<TransferLine> = [
    { key: 'line', title: '#', dataIndex: 'line_no' },
    { key: 'sku', title: t('transfers.col.sku'), dataIndex: 'seller_sku' },
    { key: 'shipped', title: t('transfers.col.shipped'), dataIndex: 'shipped', align: 'right' },
    {
      key: 'received',
      title: t('transfers.col.received'),
      render: (_, l) => (
        <InputNumber
          data-testid={`transfer-receive-good-${l.line_no}`}
          min={0}
          max={l.shipped}
          precision={0}
          value={row(l).received}
          onChange={(v) => update(l, { received: v ?? 0 })}
          style={{ width: 100 }}
        />
      ),
    },
    {
      key: 'damaged',
      title: t('transfers.col.damaged'),
      render: (_, l) => (
        <InputNumber
          data-testid={`transfer-receive-damaged-${l.line_no}`}
          min={0}
          max={l.shipped}
          precision={0}
          value={row(l).damaged}
          onChange={(v) => update(l, { damaged: v ?? 0 })}
          style={{ width: 100 }}
        />
      ),
    },
    {
      key: 'missing',
      title: t('transfers.col.missing'),
      align: 'right',
      render: (_, l) => {
        const missing = l.shipped - row(l).received - row(l).damaged;
        return missing < 0 ? (
          <Typography.Text type="danger">{t('transfers.receive.over', { count: -missing })}</Typography.Text>
        ) : missing > 0 ? (
          <Typography.Text type="warning">{missing}</Typography.Text>
        ) : (
          0
        );
      },
    },
  ];

  return (
    <Modal
      open={transfer !== null}
      width={760}
      title={transfer ? t('transfers.receive.title', { number: transfer.number }) : ''}
      okText={t('transfers.receive')}
      cancelText={t('common.cancel')}
      onOk={() => receive.mutate()}
      onCancel={close}
      confirmLoading={receive.isPending}
      okButtonProps={{ ...({ 'data-testid': 'transfer-receive-submit' } as object) }}
      destroyOnHidden
    >
      {transfer ? (
        <>
          <Typography.Paragraph type="secondary">{t('transfers.receive.intro')}</Typography.Paragraph>
          <Table<TransferLine>
            rowKey="line_no"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={transfer.lines}
            data-testid="transfer-receive-lines"
          />
          <Input.TextArea
            rows={2}
            maxLength={1000}
            placeholder={t('transfers.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ marginTop: 12 }}
          />
        </>
      ) : null}
      {receive.error ? <ErrorAlert error={receive.error} /> : null}
    </Modal>
  );
}
