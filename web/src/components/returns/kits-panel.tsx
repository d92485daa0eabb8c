import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Modal, Popconfirm, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useCatalogue } from '../../hooks/use-catalogue';
import { useI18n } from '../../i18n/i18n-context';
import { skuTitle } from '../../lib/localized-name';
import { useAccountScope } from '../../session/account-scope';
import { useSession } from '../../session/session-context';
import type { Kit } from '../../types-returns';
import { ErrorAlert } from '../error-alert';
import { newSkuLine, type SkuLine, SkuLinesField } from './sku-lines-field';

/** Kit SKUs and their recipes; what the components on hand could build, per warehouse. */
export function KitsPanel() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can, isStaff } = useSession();
  const { listAccountId, targetAccount } = useAccountScope();
  const [editing, setEditing] = useState<Kit | 'new' | null>(null);
  const kits = useQuery({
    queryKey: ['kits', listAccountId],
    queryFn: () => api<{ data: Kit[] }>('/v1/kits', { query: { account_id: listAccountId } }),
  });
  const remove = useMutation({
    mutationFn: (kit: Kit) => api<void>(`/v1/kits/${kit.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['kits'] });
      message.success(t('kits.removed'));
    },
  });
  const writable = can('skus:write');

  const columns: TableColumnsType<Kit> = [
    {
      key: 'kit',
      title: t('kits.col.kit'),
      render: (_, k) => (
        <span>
          <Typography.Text strong>{k.seller_sku}</Typography.Text> <Typography.Text type="secondary">{skuTitle(k, locale)}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'components',
      title: t('kits.col.components'),
      render: (_, k) =>
        k.components.map((c) => (
          <Tag key={c.id}>
            {c.quantity} × {c.seller_sku}
          </Tag>
        )),
    },
    ...(writable
      ? [
          {
            key: 'actions',
            render: (_: unknown, k: Kit) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setEditing(k)}>
                  {t('kits.edit')}
                </Button>
                <Popconfirm
                  title={t('kits.removeConfirm')}
                  onConfirm={() => remove.mutate(k)}
                  okText={t('kits.remove')}
                  cancelText={t('common.cancel')}
                >
                  <Button size="small" danger>
                    {t('kits.remove')}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('kits.intro')}</Typography.Text>
        {writable ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} disabled={isStaff && !targetAccount} data-testid="kit-new">
            {t('kits.new')}
          </Button>
        ) : null}
      </Flex>
      {kits.error ? <ErrorAlert error={kits.error} onRetry={() => void kits.refetch()} /> : null}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      <Table<Kit>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={kits.data?.data ?? []}
        loading={kits.isLoading}
        pagination={false}
        data-testid="kit-table"
      />
      <KitRecipeModal kit={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function KitRecipeModal({ kit, onClose }: { kit: Kit | 'new' | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const { isStaff } = useSession();
  const { targetAccount } = useAccountScope();
  const existing = kit && kit !== 'new' ? kit : null;
  const accountId = existing?.account_id ?? targetAccount?.id ?? null;
  const catalogue = useCatalogue(isStaff ? accountId : null, kit !== null);
  const [kitSkuId, setKitSkuId] = useState<string | null>(null);
  const [lines, setLines] = useState<SkuLine[] | null>(null);
  const current: SkuLine[] =
    lines ?? (existing ? existing.components.map((c) => ({ ...newSkuLine(), skuId: c.id, quantity: c.quantity })) : [newSkuLine()]);
  const target = existing?.id ?? kitSkuId;

  const save = useMutation({
    mutationFn: () =>
      api<Kit>(`/v1/kits/${target}`, {
        method: 'PUT',
        body: { components: current.map((l) => ({ sku_id: l.skuId ?? undefined, quantity: l.quantity ?? 0 })) },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['kits'] });
      close();
    },
  });
  function close() {
    save.reset();
    setLines(null);
    setKitSkuId(null);
    onClose();
  }
  return (
    <Modal
      open={kit !== null}
      width={720}
      title={existing ? t('kits.editTitle', { sku: existing.seller_sku }) : t('kits.new')}
      okText={t('kits.save')}
      cancelText={t('common.cancel')}
      onOk={() => save.mutate()}
      onCancel={close}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !target, ...({ 'data-testid': 'kit-save' } as object) }}
      destroyOnHidden
    >
      <Form layout="vertical">
        {existing ? null : (
          <Form.Item label={t('kits.kitSku')} extra={t('kits.kitSkuHelp')}>
            <Select
              data-testid="kit-sku"
              showSearch
              optionFilterProp="label"
              value={kitSkuId ?? undefined}
              onChange={(id: string) => setKitSkuId(id)}
              options={(catalogue.data ?? []).map((s) => ({ value: s.id, label: `${s.seller_sku} · ${skuTitle(s, locale)}` }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('kits.col.components')}>
          <SkuLinesField
            lines={current}
            onChange={setLines}
            catalogue={catalogue.data ?? []}
            loading={catalogue.isLoading}
            testId="kit-components"
          />
        </Form.Item>
      </Form>
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}
