import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, Progress, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import { localizedName } from '../../lib/localized-name';
import { useAccountScope } from '../../session/account-scope';
import type { BillingRun } from '../../types-billing';
import { ErrorAlert } from '../error-alert';
import { recentPeriods } from './billing-labels';

export const INVOICES_KEY = 'invoices';

interface RunBillingModalProps {
  open: boolean;
  onClose: () => void;
  /** Called when the run is done and the user asks to see its drafts. */
  onShowDrafts: (period: string) => void;
}

/** Staff: bill a period (every account, or one) and follow the run's progress until it ends. */
export function RunBillingModal({ open, onClose, onShowDrafts }: RunBillingModalProps) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const { accounts, selectedAccountId } = useAccountScope();
  const [form] = Form.useForm<{ period: string; account: string | undefined }>();
  const [runId, setRunId] = useState<string | null>(null);
  const periods = recentPeriods(13);

  const start = useMutation({
    mutationFn: (values: { period: string; account: string | undefined }) =>
      api<BillingRun>('/v1/billing/runs', {
        method: 'POST',
        body: { period: values.period, ...(values.account ? { account_code: values.account } : {}) },
      }),
    onSuccess: (run) => setRunId(run.id),
  });
  const run = useQuery({
    queryKey: ['billing-runs', runId],
    queryFn: () => api<BillingRun>(`/v1/billing/runs/${runId}`),
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 500),
  });
  const current = run.data ?? start.data ?? null;
  const finished = current !== null && current.status !== 'running';
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: [INVOICES_KEY] });
  }, [finished, queryClient]);

  const close = () => {
    setRunId(null);
    start.reset();
    form.resetFields();
    onClose();
  };
  const selected = accounts.find((a) => a.id === selectedAccountId);
  const percent =
    current && current.accounts_total > 0 ? Math.round((current.accounts_done / current.accounts_total) * 100) : finished ? 100 : 0;

  return (
    <Modal
      open={open}
      title={t('bills.run.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        current ? (
          <Space>
            <Button onClick={close}>{t('bills.run.close')}</Button>
            <Button
              type="primary"
              data-testid="billing-run-show-drafts"
              disabled={!finished}
              onClick={() => {
                onShowDrafts(current.period);
                close();
              }}
            >
              {t('bills.run.showDrafts')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" data-testid="billing-run-start" loading={start.isPending} onClick={() => form.submit()}>
              {t('bills.run.start')}
            </Button>
          </Space>
        )
      }
    >
      {current ? (
        <div data-testid="billing-run-progress">
          <Typography.Paragraph>
            {t('bills.run.progress', { period: current.period, done: current.accounts_done, total: current.accounts_total })}
          </Typography.Paragraph>
          <Progress
            percent={percent}
            status={current.status === 'failed' || current.status === 'abandoned' ? 'exception' : finished ? 'success' : 'active'}
          />
          {finished && current.status === 'completed' ? (
            <Alert
              type="success"
              showIcon
              data-testid="billing-run-done"
              title={t('bills.run.done', { written: current.invoices_written, skipped: current.accounts_skipped })}
            />
          ) : null}
          {current.error ? <Alert type="error" showIcon title={current.error} /> : null}
          {run.error ? <ErrorAlert error={run.error} /> : null}
        </div>
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ period: periods[1], account: selected?.code }}
          onFinish={(values) => start.mutate(values)}
        >
          <Typography.Paragraph type="secondary">{t('bills.run.intro')}</Typography.Paragraph>
          <Form.Item name="period" label={t('bills.run.period')} rules={[{ required: true }]}>
            <Select data-testid="billing-run-period" options={periods.map((p) => ({ value: p, label: p }))} />
          </Form.Item>
          <Form.Item name="account" label={t('bills.run.account')}>
            <Select
              allowClear
              placeholder={t('bills.run.allAccounts')}
              showSearch={{ optionFilterProp: 'label' }}
              options={accounts.map((a) => ({ value: a.code, label: `${a.code} · ${localizedName(a, locale)}` }))}
            />
          </Form.Item>
          {start.error ? <ErrorAlert error={start.error} /> : null}
        </Form>
      )}
    </Modal>
  );
}
