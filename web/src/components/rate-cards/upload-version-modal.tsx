import { FileTextOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, isApiError } from '../../api';
import { RATE_CARDS_KEY } from '../../hooks/rate-card-queries';
import { useT } from '../../i18n/i18n-context';
import { cardDocumentOf, readJsonFile } from '../../lib/read-json-file';
import type { RateCard, RateCardVersion } from '../../types';
import { ErrorAlert } from '../error-alert';
import { DocumentErrorsTable } from './document-errors-table';

interface FormValues {
  effective_from?: Dayjs;
  notes?: string;
}

interface Picked {
  name: string;
  document: unknown;
}

/**
 * Publishes a new version: an effective date and a JSON document read and parsed in the
 * browser. All-or-nothing on the server: a 400 lists every problem with its path in the document.
 */
export function UploadVersionModal({
  card,
  open,
  onClose,
  onPublished,
}: {
  card: RateCard;
  open: boolean;
  onClose: () => void;
  onPublished: (version: RateCardVersion) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const publish = useMutation({
    mutationFn: (body: { effective_from: string; document: unknown; notes: string | null }) =>
      api<RateCardVersion>(`/v1/rate-cards/${encodeURIComponent(card.id)}/versions`, { method: 'POST', body }),
    onSuccess: (version) => {
      void queryClient.invalidateQueries({ queryKey: [RATE_CARDS_KEY] });
      message.success(t('rateCards.upload.done', { version: version.version }));
      reset();
      onPublished(version);
    },
  });

  const reset = () => {
    form.resetFields();
    setPicked(null);
    setReadError(null);
    publish.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const pick = async (file: File) => {
    publish.reset();
    setReadError(null);
    setPicked(null);
    try {
      setPicked({ name: file.name, document: cardDocumentOf(await readJsonFile(file)) });
    } catch (error) {
      setReadError(t('rateCards.upload.invalidJson', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  const submit = (values: FormValues) => {
    if (!picked || !values.effective_from) return;
    publish.mutate({
      effective_from: values.effective_from.format('YYYY-MM-DD'),
      document: picked.document,
      notes: values.notes?.trim() || null,
    });
  };

  const docKind = (picked?.document as { kind?: unknown } | null)?.kind;
  const kindMismatch = picked && typeof docKind === 'string' && docKind !== card.kind;
  const failure = publish.error;
  const documentProblems = isApiError(failure) && failure.details.length > 0 ? failure.details : null;

  return (
    <Modal
      open={open}
      title={t('rateCards.upload.title', { code: card.code })}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('rateCards.upload.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      okButtonProps={{ disabled: !picked, ...({ 'data-testid': 'rate-card-upload-submit' } as object) }}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('rateCards.upload.help')}</Typography.Paragraph>
      <Form<FormValues> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item label={t('rateCards.upload.file')} required>
          <div data-testid="rate-card-upload-file">
            <Upload
              accept=".json,application/json"
              maxCount={1}
              beforeUpload={(file) => {
                void pick(file);
                return false;
              }}
              onRemove={() => {
                setPicked(null);
                setReadError(null);
                return true;
              }}
              fileList={picked ? [{ uid: picked.name, name: picked.name, status: 'done' }] : []}
            >
              <Button icon={<FileTextOutlined />}>{t('rateCards.upload.choose')}</Button>
            </Upload>
          </div>
        </Form.Item>
        {readError ? (
          <Alert type="error" showIcon title={readError} style={{ marginBottom: 16 }} data-testid="rate-card-upload-read-error" />
        ) : null}
        {kindMismatch ? (
          <Alert
            type="warning"
            showIcon
            title={t('rateCards.upload.kindMismatch', { found: String(docKind), expected: card.kind })}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form.Item
          label={t('rateCards.upload.effectiveFrom')}
          name="effective_from"
          rules={[{ required: true, message: t('rateCards.upload.effectiveRequired') }]}
        >
          <DatePicker data-testid="rate-card-upload-date" format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item label={t('rateCards.upload.notes')} name="notes">
          <Input.TextArea
            data-testid="rate-card-upload-notes"
            rows={2}
            maxLength={2000}
            placeholder={t('rateCards.upload.notesPlaceholder')}
          />
        </Form.Item>
      </Form>
      {documentProblems ? <DocumentErrorsTable details={documentProblems} /> : failure ? <ErrorAlert error={failure} /> : null}
    </Modal>
  );
}
