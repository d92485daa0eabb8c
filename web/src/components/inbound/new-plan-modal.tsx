import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Table, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type ApiErrorDetail, fetchAllPages, isApiError } from '../../api';
import { ErrorAlert } from '../error-alert';
import { useI18n } from '../../i18n/i18n-context';
import { INBOUND_PLANS_KEY, type InboundPlan } from '../../inbound/types';
import { localizedName } from '../../lib/localized-name';
import { useAccountScope } from '../../session/account-scope';
import type { Warehouse } from '../../types';

interface Values {
  destination: string;
  origin?: string;
  mode: string;
  reference?: string;
}

/** Create a draft plan from a carton sheet; a bad sheet shows every problem at its row and column. */
export function NewPlanModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { targetAccount } = useAccountScope();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const warehouses = useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => fetchAllPages<Warehouse>('/v1/warehouses'),
    staleTime: 5 * 60_000,
  });
  const us = (warehouses.data ?? []).filter((w) => w.kind === 'us_fulfilment' && w.status === 'active');
  const china = (warehouses.data ?? []).filter((w) => w.kind === 'china_consolidation' && w.status === 'active');

  const create = useMutation({
    mutationFn: (values: Values) => {
      const form = new FormData();
      form.append('file', file as File);
      return api<InboundPlan>('/v1/inbound-plans/import', {
        method: 'POST',
        form,
        query: {
          account_id: targetAccount?.id,
          destination_warehouse: values.destination,
          origin_warehouse: values.origin,
          freight_mode: values.mode,
          reference: values.reference,
        },
      });
    },
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: [INBOUND_PLANS_KEY] });
      message.success(t('inbound.form.created', { number: plan.number }));
      onClose();
      navigate(`/inbound/${plan.id}`);
    },
  });

  const located: ApiErrorDetail[] = isApiError(create.error) && create.error.code === 'import_invalid' ? create.error.details : [];

  return (
    <Modal
      open={open}
      title={t('inbound.new')}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      okText={t('inbound.form.create')}
      okButtonProps={{ loading: create.isPending, disabled: !file, id: 'inbound-create-submit' }}
      onOk={() => void form.validateFields().then((values) => create.mutate(values))}
    >
      <Form form={form} layout="vertical" initialValues={{ mode: 'sea', origin: china[0]?.code }}>
        <Flex gap={12} wrap>
          <Form.Item
            name="destination"
            label={t('inbound.form.destination')}
            rules={[{ required: true, message: t('inbound.form.required') }]}
            style={{ minWidth: 220, flex: 1 }}
          >
            <Select
              data-testid="inbound-destination"
              options={us.map((w) => ({ value: w.code, label: `${w.code} · ${localizedName(w, locale)}` }))}
            />
          </Form.Item>
          <Form.Item name="origin" label={t('inbound.form.origin')} style={{ minWidth: 220, flex: 1 }}>
            <Select allowClear options={china.map((w) => ({ value: w.code, label: `${w.code} · ${localizedName(w, locale)}` }))} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="mode" label={t('inbound.form.mode')} rules={[{ required: true }]} style={{ minWidth: 160 }}>
            <Select options={['sea', 'air', 'express'].map((m) => ({ value: m, label: t(`inbound.mode.${m}` as 'inbound.mode.sea') }))} />
          </Form.Item>
          <Form.Item name="reference" label={t('inbound.form.reference')} style={{ flex: 1, minWidth: 200 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('inbound.form.sheet')} required extra={t('inbound.form.sheetHelp')}>
          <Flex gap={8} wrap align="center">
            <Upload
              accept=".xlsx,.csv"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                create.reset();
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button icon={<UploadOutlined />} data-testid="inbound-file">
                {t('inbound.form.chooseFile')}
              </Button>
            </Upload>
            <a href="/v1/inbound-plans/carton-template?lang=en">
              <Button type="link" icon={<DownloadOutlined />}>
                {t('inbound.form.templateEn')}
              </Button>
            </a>
            <a href="/v1/inbound-plans/carton-template?lang=zh">
              <Button type="link" icon={<DownloadOutlined />}>
                {t('inbound.form.templateZh')}
              </Button>
            </a>
          </Flex>
        </Form.Item>
      </Form>
      {located.length > 0 ? (
        <>
          <Alert type="error" showIcon title={t('inbound.form.errors', { count: located.length })} style={{ marginBottom: 8 }} />
          <Table<ApiErrorDetail>
            data-testid="inbound-sheet-errors"
            size="small"
            rowKey={(d) => `${d.row}-${d.column}-${d.code}-${d.message}`}
            pagination={false}
            scroll={{ y: 260 }}
            dataSource={located}
            columns={[
              { key: 'row', title: t('inbound.form.col.row'), width: 70, render: (_, d) => d.row ?? '' },
              {
                key: 'column',
                title: t('inbound.form.col.column'),
                width: 160,
                render: (_, d) => (d.column ? `${d.column} ${d.header ?? ''}` : (d.path?.join('.') ?? '')),
              },
              {
                key: 'problem',
                title: t('inbound.form.col.problem'),
                render: (_, d) => (locale === 'zh-CN' ? d.messages?.zh : d.messages?.en) ?? d.message,
              },
            ]}
          />
        </>
      ) : create.error ? (
        <ErrorAlert error={create.error} />
      ) : null}
    </Modal>
  );
}
