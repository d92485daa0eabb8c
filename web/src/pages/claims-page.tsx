import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api';
import { ClaimStatusTag } from '../components/billing/dispute-labels';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PagedTable } from '../components/paged-table';
import { PageHeader } from '../components/page-header';
import { useCursorList } from '../hooks/use-cursor-list';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { formatMoney } from '../lib/format-money';
import { localizedText } from '../lib/localized-text';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import { CLAIM_KINDS, CLAIM_REFERENCE_TYPES, CLAIM_STATUSES, type Claim, type ClaimStatus } from '../types-disputes';

const CLAIMS_KEY = 'claims';

interface FileValues {
  kind: Claim['kind'];
  reference_type: Claim['reference']['type'];
  reference: string;
  seller_sku: string;
  units: number;
  evidence_notes?: string;
}

/** Claims for lost or damaged parcels and stock: filed by the seller (or staff for it), decided by finance, credited on the next invoice. */
export function ClaimsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can, isStaff } = useSession();
  const { listAccountId, targetAccount } = useAccountScope();
  const [status, setStatus] = useState<ClaimStatus | undefined>();
  const [filing, setFiling] = useState(false);
  const [opened, setOpened] = useState<Claim | null>(null);
  const [form] = Form.useForm<FileValues>();
  const [decision] = Form.useForm<{ units?: number; reason?: string }>();
  const list = useCursorList<Claim>(CLAIMS_KEY, '/v1/claims', { account_id: listAccountId, status });

  const file = useMutation({
    mutationFn: (v: FileValues) =>
      api<Claim>('/v1/claims', { method: 'POST', body: { ...v, ...(isStaff && targetAccount ? { account_id: targetAccount.id } : {}) } }),
    onSuccess: (claim) => {
      void queryClient.invalidateQueries({ queryKey: [CLAIMS_KEY] });
      message.success(t('claims.filed', { number: claim.number }));
      setFiling(false);
      form.resetFields();
    },
  });
  const decide = useMutation({
    mutationFn: ({ claim, outcome, units, reason }: { claim: Claim; outcome: 'approve' | 'reject'; units?: number; reason?: string }) =>
      api<Claim>(`/v1/claims/${claim.id}/${outcome}`, {
        method: 'POST',
        body: outcome === 'approve' ? { ...(units ? { units } : {}), ...(reason ? { reason } : {}) } : { reason },
      }),
    onSuccess: (claim) => {
      void queryClient.invalidateQueries({ queryKey: [CLAIMS_KEY] });
      setOpened(claim);
      decision.resetFields();
    },
  });

  const columns = useMemo<TableColumnsType<Claim>>(
    () => [
      {
        key: 'number',
        title: t('claims.col.number'),
        render: (_, c) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpened(c)} data-testid={`claim-open-${c.number}`}>
            {c.number}
          </Button>
        ),
      },
      ...(isStaff ? [{ key: 'account', title: t('bills.col.account'), render: (_: unknown, c: Claim) => c.account_code }] : []),
      { key: 'kind', title: t('claims.kind'), render: (_, c) => t(`claims.kind.${c.kind}`) },
      { key: 'reference', title: t('claims.reference'), render: (_, c) => `${t(`claims.ref.${c.reference.type}`)} ${c.reference.value}` },
      { key: 'sku', title: 'SKU', render: (_, c) => `${c.seller_sku} × ${c.units}` },
      { key: 'declared', title: t('claims.declared'), align: 'right', render: (_, c) => formatMoney(c.declared_value_per_unit, locale) },
      {
        key: 'covered',
        title: t('claims.covered'),
        align: 'right',
        render: (_, c) => <OrDash>{c.covered ? formatMoney(c.covered, locale) : null}</OrDash>,
      },
      { key: 'status', title: t('bills.col.status'), render: (_, c) => <ClaimStatusTag status={c.status} /> },
      { key: 'credit', title: t('claims.creditPeriod'), render: (_, c) => <OrDash>{c.credit_period}</OrDash> },
      { key: 'filed', title: t('claims.filedAt'), render: (_, c) => formatDateTime(c.filed_at, locale) },
    ],
    [t, locale, isStaff],
  );

  const canFile = can('claims:write') && (!isStaff || targetAccount !== null);
  return (
    <>
      <PageHeader
        title={t('claims.title')}
        extra={
          can('claims:write') ? (
            <Tooltip title={canFile ? undefined : t('claims.pickAccount')}>
              <Button type="primary" icon={<PlusOutlined />} disabled={!canFile} onClick={() => setFiling(true)} data-testid="claim-new">
                {t('claims.new')}
              </Button>
            </Tooltip>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('claims.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('common.anyStatus')}
          value={status}
          onChange={setStatus}
          style={{ minWidth: 160 }}
          options={CLAIM_STATUSES.map((s) => ({ value: s, label: t(`claims.status.${s}`) }))}
        />
      </Flex>
      <PagedTable<Claim> list={list} columns={columns} testId="claim-table" emptyText={t('claims.empty')} hideErrorWhileLoadingMore />
      <Modal
        open={filing}
        title={isStaff && targetAccount ? `${t('claims.new')} · ${targetAccount.code}` : t('claims.new')}
        onCancel={() => setFiling(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: file.isPending }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'parcel_lost', reference_type: 'parcel', units: 1 }}
          onFinish={(v) => file.mutate(v)}
        >
          <Form.Item name="kind" label={t('claims.kind')} rules={[{ required: true }]}>
            <Select options={CLAIM_KINDS.map((k) => ({ value: k, label: t(`claims.kind.${k}`) }))} />
          </Form.Item>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="reference_type" label={t('claims.reference')} rules={[{ required: true }]} style={{ width: '40%' }}>
              <Select options={CLAIM_REFERENCE_TYPES.map((r) => ({ value: r, label: t(`claims.ref.${r}`) }))} />
            </Form.Item>
            <Form.Item name="reference" label=" " rules={[{ required: true, max: 200 }]} style={{ width: '60%' }}>
              <Input placeholder="1Z999AA10123456784" />
            </Form.Item>
          </Space.Compact>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="seller_sku" label="SKU" rules={[{ required: true, max: 100 }]} style={{ width: '70%' }}>
              <Input />
            </Form.Item>
            <Form.Item name="units" label={t('claims.units')} rules={[{ required: true }]} style={{ width: '30%' }}>
              <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="evidence_notes" label={t('claims.evidence')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('claims.coverageHint')}</Typography.Paragraph>
          {file.error ? <ErrorAlert error={file.error} /> : null}
        </Form>
      </Modal>
      <Drawer open={opened !== null} onClose={() => setOpened(null)} title={opened?.number} size={640} destroyOnHidden>
        {opened ? (
          <div data-testid="claim-detail">
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('bills.col.status')}>
                <ClaimStatusTag status={opened.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('claims.kind')}>{t(`claims.kind.${opened.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('claims.reference')}>
                {t(`claims.ref.${opened.reference.type}`)} {opened.reference.value}
              </Descriptions.Item>
              <Descriptions.Item label="SKU">
                {opened.seller_sku} × {opened.units}
              </Descriptions.Item>
              <Descriptions.Item label={t('claims.declared')}>{formatMoney(opened.declared_value_per_unit, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('claims.evidence')}>
                <OrDash>{opened.evidence_notes}</OrDash>
              </Descriptions.Item>
              <Descriptions.Item label={t('claims.covered')}>
                <OrDash>{opened.covered ? formatMoney(opened.covered, locale) : null}</OrDash>
              </Descriptions.Item>
              {opened.coverage ? (
                <Descriptions.Item label={t('claims.coverage')}>{localizedText(opened.coverage.formula, locale)}</Descriptions.Item>
              ) : null}
              {opened.decision_reason ? (
                <Descriptions.Item label={t('claims.decisionReason')}>{opened.decision_reason}</Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('claims.creditPeriod')}>
                <OrDash>{opened.credit_period}</OrDash>
              </Descriptions.Item>
            </Descriptions>
            {isStaff && can('billing:write') && opened.status === 'submitted' ? (
              <Form form={decision} layout="vertical">
                <Form.Item name="units" label={t('claims.approveUnits')}>
                  <InputNumber min={1} max={opened.units} precision={0} placeholder={String(opened.units)} />
                </Form.Item>
                <Form.Item name="reason" label={t('claims.decisionReason')}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
                <Space>
                  <Button
                    type="primary"
                    loading={decide.isPending}
                    onClick={() => decide.mutate({ claim: opened, outcome: 'approve', ...decision.getFieldsValue() })}
                    data-testid="claim-approve"
                  >
                    {t('claims.approve')}
                  </Button>
                  <Button
                    danger
                    loading={decide.isPending}
                    onClick={() => decide.mutate({ claim: opened, outcome: 'reject', reason: decision.getFieldValue('reason') })}
                    data-testid="claim-reject"
                  >
                    {t('claims.reject')}
                  </Button>
                </Space>
                {decide.error ? <ErrorAlert error={decide.error} /> : null}
              </Form>
            ) : null}
          </div>
        ) : null}
      </Drawer>
    </>
  );
}
