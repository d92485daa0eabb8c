import { BarcodeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, type InputRef, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, isApiError } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import type { Rma } from '../../types-returns';
import { ErrorAlert } from '../error-alert';
import { UnexpectedReturnModal } from './unexpected-return-modal';
import { useStockWarehouses } from './use-stock-warehouses';

const WAREHOUSE_KEY = 'landed.returnsWarehouse';

/**
 * The returns bench: a scanner types the RMA or tracking number and Enter. A match is received
 * and opened for inspection; nothing matching offers to record an unexpected return.
 */
export function ScanToReceive({ onReceived }: { onReceived: (rma: Rma) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const warehouses = useStockWarehouses();
  const input = useRef<InputRef>(null);
  const [code, setCode] = useState('');
  const [unexpected, setUnexpected] = useState<string | null>(null);
  const [warehouseId, setWarehouseId] = useState<string | null>(() => localStorage.getItem(WAREHOUSE_KEY));

  useEffect(() => {
    const list = warehouses.data ?? [];
    if (list.length > 0 && !list.some((w) => w.id === warehouseId)) {
      setWarehouseId((list.find((w) => w.kind === 'us_returns') ?? list[0])?.id ?? null);
    }
  }, [warehouses.data, warehouseId]);

  const receive = useMutation({
    mutationFn: (scanned: string) =>
      api<Rma>('/v1/returns/receive', { method: 'POST', body: { warehouse_id: warehouseId, code: scanned } }),
    onSuccess: (rma) => {
      void queryClient.invalidateQueries({ queryKey: ['returns'] });
      message.success(t('returns.scan.received', { number: rma.number, units: rma.units_received }));
      setCode('');
      onReceived(rma);
    },
    onSettled: () => input.current?.focus(),
  });

  const unknown = isApiError(receive.error) && receive.error.code === 'unknown_barcode' ? (receive.variables ?? '') : null;

  const submit = () => {
    const scanned = code.trim();
    if (!scanned || !warehouseId) return;
    receive.mutate(scanned);
  };

  return (
    <Card size="small" className="scan-card" title={t('returns.scan.title')}>
      <Flex gap={12} wrap align="center">
        <Select
          data-testid="returns-scan-warehouse"
          style={{ minWidth: 220 }}
          size="large"
          loading={warehouses.isLoading}
          value={warehouseId ?? undefined}
          onChange={(id: string) => {
            setWarehouseId(id);
            localStorage.setItem(WAREHOUSE_KEY, id);
          }}
          options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
        />
        <Input
          ref={input}
          data-testid="returns-scan-input"
          className="scan-input"
          size="large"
          autoFocus
          prefix={<BarcodeOutlined />}
          placeholder={t('returns.scan.placeholder')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={submit}
          style={{ flex: 1, minWidth: 280, fontSize: 24 }}
          disabled={receive.isPending}
        />
        <Button size="large" type="primary" onClick={submit} loading={receive.isPending} data-testid="returns-scan-submit">
          {t('returns.scan.receive')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('returns.scan.help')}
      </Typography.Paragraph>
      {unknown !== null ? (
        <Alert
          data-testid="returns-scan-unknown"
          type="warning"
          showIcon
          title={t('returns.scan.unknown', { code: unknown })}
          action={
            <Button size="small" onClick={() => setUnexpected(unknown)} data-testid="returns-record-unexpected">
              {t('returns.unexpected.record')}
            </Button>
          }
        />
      ) : receive.error ? (
        <ErrorAlert error={receive.error} />
      ) : null}
      <UnexpectedReturnModal
        open={unexpected !== null}
        scannedCode={unexpected ?? ''}
        warehouseId={warehouseId}
        onClose={() => setUnexpected(null)}
        onCreated={(rma) => {
          setUnexpected(null);
          receive.reset();
          setCode('');
          onReceived(rma);
        }}
      />
    </Card>
  );
}
