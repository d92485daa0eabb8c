import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Radio, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { DISPUTES_KEY } from '../components/billing/dispute-modal';
import { DisputeStatusTag } from '../components/billing/dispute-labels';
import { OrDash } from '../components/empty-value';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../lib/format-date';
import { formatMoney } from '../lib/format-money';
import { localizedText } from '../lib/localized-text';
import { useSession } from '../session/session-context';
import type { Dispute } from '../types-disputes';

const ACTIVE = new Set(['open', 'under_review']);

/** One dispute: what is disputed and why, the thread between seller and provider, and its resolution. */
export function DisputePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { can, isStaff } = useSession();
  const queryClient = useQueryClient();
  const key = [DISPUTES_KEY, 'one', id];
  const dispute = useQuery({ queryKey: key, queryFn: () => api<Dispute>(`/v1/disputes/${id}`) });
  const [comment, setComment] = useState('');
  const [resolving, setResolving] = useState(false);
  const [resolveForm] = Form.useForm<{ outcome: 'accept' | 'reject'; amount?: string; reason: string }>();
  const done = (updated: Dispute) => {
    queryClient.setQueryData(key, updated);
    void queryClient.invalidateQueries({ queryKey: [DISPUTES_KEY, 'list'] });
  };
  const post = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api<Dispute>(`/v1/disputes/${id}/${path}`, { method: 'POST', body }),
    onSuccess: (updated, { path }) => {
      done(updated);
      if (path === 'comments') setComment('');
      if (path === 'resolve') {
        setResolving(false);
        message.success(t('disputes.resolved'));
      }
    },
  });

  if (dispute.isLoading) return <Spin />;
  if (dispute.error || !dispute.data) return <ErrorAlert error={dispute.error} onRetry={() => void dispute.refetch()} />;
  const d = dispute.data;
  const active = ACTIVE.has(d.status);
  const staffDecides = isStaff && can('billing:write');

  return (
    <>
      <PageHeader
        title={
          <Space>
            {d.number}
            <DisputeStatusTag status={d.status} />
          </Space>
        }
        extra={
          <>
            {staffDecides && d.status === 'open' ? (
              <Button onClick={() => post.mutate({ path: 'review' })} loading={post.isPending} data-testid="dispute-review">
                {t('disputes.review')}
              </Button>
            ) : null}
            {staffDecides && active ? (
              <Button type="primary" onClick={() => setResolving(true)} data-testid="dispute-resolve">
                {t('disputes.resolve')}
              </Button>
            ) : null}
            {!isStaff && can('disputes:write') && active ? (
              <Popconfirm title={t('disputes.withdrawConfirm')} onConfirm={() => post.mutate({ path: 'withdraw' })}>
                <Button danger data-testid="dispute-withdraw">
                  {t('disputes.withdraw')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {post.error ? <ErrorAlert error={post.error} /> : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="dispute-header">
          <Descriptions.Item label={t('bills.col.account')}>{d.account_code}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.col.invoice')}>
            <Link to={`/bills/${d.invoice_id}`}>{d.invoice_number ?? t('bills.draftNumber')}</Link>
            {d.opened_on_draft ? <Tag style={{ marginLeft: 8 }}>{t('disputes.onDraft')}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('disputes.col.line')}>
            {d.line ? `#${d.line.line_no ?? '?'} ${d.line.label ? localizedText(d.line.label, locale) : ''}` : t('disputes.wholeInvoice')} ·{' '}
            {formatMoney(d.line_amount, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('disputes.reason')}>{t(`disputes.reason.${d.reason_code}`)}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.col.disputed')}>{formatMoney(d.disputed, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.col.accepted')}>
            <OrDash>{d.accepted ? formatMoney(d.accepted, locale) : null}</OrDash>
          </Descriptions.Item>
          {d.resolution_reason ? <Descriptions.Item label={t('disputes.resolutionReason')}>{d.resolution_reason}</Descriptions.Item> : null}
          {d.credit_note ? (
            <Descriptions.Item label={t('bills.type.credit_note')}>
              <Link to={`/bills/${d.credit_note.id}`}>{d.credit_note.number}</Link>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('disputes.col.opened')}>{formatDateTime(d.opened_at, locale)}</Descriptions.Item>
          {d.resolved_at ? (
            <Descriptions.Item label={t('disputes.resolvedAt')}>{formatDateTime(d.resolved_at, locale)}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t('disputes.thread')} data-testid="dispute-thread">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Typography.Paragraph>
        <Timeline
          items={d.comments.map((c) => ({
            color: c.side === 'provider' ? 'blue' : 'gray',
            content: (
              <div>
                <Typography.Text strong>{t(`disputes.side.${c.side}`)}</Typography.Text>{' '}
                <Typography.Text type="secondary">{formatDateTime(c.created_at, locale)}</Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
              </div>
            ),
          }))}
        />
        {can('disputes:write') && active ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input.TextArea
              data-testid="dispute-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              rows={2}
              maxLength={4000}
              placeholder={t('disputes.commentHint')}
            />
            <Button
              type="primary"
              disabled={!comment.trim()}
              loading={post.isPending}
              onClick={() => post.mutate({ path: 'comments', body: { body: comment.trim() } })}
              data-testid="dispute-comment-send"
            >
              {t('disputes.send')}
            </Button>
          </Space.Compact>
        ) : null}
      </Card>
      <Modal
        open={resolving}
        title={t('disputes.resolve')}
        onCancel={() => setResolving(false)}
        onOk={() => resolveForm.submit()}
        okButtonProps={{ loading: post.isPending }}
        destroyOnHidden
      >
        <Form
          form={resolveForm}
          layout="vertical"
          initialValues={{ outcome: 'accept' }}
          onFinish={(v) =>
            post.mutate({ path: 'resolve', body: { outcome: v.outcome, reason: v.reason, ...(v.amount ? { amount: v.amount } : {}) } })
          }
        >
          <Form.Item name="outcome">
            <Radio.Group
              options={[
                { value: 'accept', label: t('disputes.accept') },
                { value: 'reject', label: t('disputes.reject') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.outcome !== b.outcome}>
            {({ getFieldValue }) =>
              getFieldValue('outcome') === 'accept' ? (
                <Form.Item
                  name="amount"
                  label={t('disputes.acceptAmount', { currency: d.disputed.currency })}
                  extra={t('disputes.acceptAmountHint', { amount: formatMoney(d.disputed, locale) })}
                  rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: t('bills.credit.amountInvalid') }]}
                >
                  <Input inputMode="decimal" placeholder={d.disputed.amount} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="reason" label={t('disputes.resolutionReason')} rules={[{ required: true, max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
