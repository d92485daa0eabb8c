import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useCatalogue } from '../../hooks/use-catalogue';
import { useI18n } from '../../i18n/i18n-context';
import { localizedName } from '../../lib/localized-name';
import { useAccountScope } from '../../session/account-scope';
import type { Rma } from '../../types-returns';
import { ErrorAlert } from '../error-alert';
import { newSkuLine, type SkuLine, SkuLinesField } from './sku-lines-field';

/** A parcel nobody announced: the bench names the seller from the goods or the slip, and counts them. */
export function UnexpectedReturnModal({
  open,
  scannedCode,
  warehouseId,
  onClose,
  onCreated,
}: {
  open: boolean;
  scannedCode: string;
  warehouseId: string | null;
  onClose: () => void;
  onCreated: (rma: Rma) => void;
}) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const { accounts, selectedAccountId } = useAccountScope();
  const [accountId, setAccountId] = useState<string | null>(selectedAccountId);
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<SkuLine[]>(() => [newSkuLine()]);
  const catalogue = useCatalogue(accountId, open && accountId !== null);

  const create = useMutation({
    mutationFn: () =>
      api<Rma>('/v1/returns/unexpected', {
        method: 'POST',
        body: {
          account_id: accountId,
          warehouse_id: warehouseId,
          scanned_code: scannedCode || null,
          note: note.trim() || null,
          lines: lines.map((l) => ({ sku_id: l.skuId ?? undefined, quantity: l.quantity ?? 0 })),
        },
      }),
    onSuccess: (rma) => {
      void queryClient.invalidateQueries({ queryKey: ['returns'] });
      create.reset();
      setLines([newSkuLine()]);
      setNote('');
      onCreated(rma);
    },
  });

  return (
    <Modal
      open={open}
      width={720}
      title={t('returns.unexpected.title')}
      okText={t('returns.unexpected.submit')}
      cancelText={t('common.cancel')}
      onOk={() => create.mutate()}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: !accountId || !warehouseId, ...({ 'data-testid': 'unexpected-submit' } as object) }}
      destroyOnHidden
    >
      <Form layout="vertical" requiredMark={false}>
        <Form.Item label={t('returns.unexpected.scanned')}>
          <Typography.Text code>{scannedCode || t('common.none')}</Typography.Text>
        </Form.Item>
        <Form.Item label={t('returns.unexpected.account')} required>
          <Select
            data-testid="unexpected-account"
            showSearch
            optionFilterProp="label"
            value={accountId ?? undefined}
            onChange={(id: string) => {
              setAccountId(id);
              setLines([newSkuLine()]);
            }}
            options={accounts.map((a) => ({ value: a.id, label: `${a.code} · ${localizedName(a, locale)}` }))}
          />
        </Form.Item>
        <Form.Item label={t('returns.unexpected.contents')} required>
          <SkuLinesField
            lines={lines}
            onChange={setLines}
            catalogue={catalogue.data ?? []}
            loading={catalogue.isLoading}
            testId="unexpected-lines"
          />
        </Form.Item>
        <Form.Item label={t('returns.unexpected.note')}>
          <Input.TextArea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
      {create.error ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}
