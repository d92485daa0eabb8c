import { ArrowLeftOutlined, CheckCircleOutlined, CloudUploadOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Radio, Result, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { ImportErrorsTable } from '../components/sku-import/import-errors-table';
import { ImportFilePicker } from '../components/sku-import/import-file-picker';
import { ImportSummary } from '../components/sku-import/import-summary';
import { TemplateDownload } from '../components/sku-import/template-download';
import { type ImportMode, useSkuImport } from '../hooks/use-sku-import';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../lib/localized-name';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';
import { SKUS_KEY } from './skus-page';

/** Template → file → Check (dry run) → Import. Nothing is written unless every row is valid. */
export function SkuImportPage() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const { isStaff } = useSession();
  const { targetAccount } = useAccountScope();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('create');
  const check = useSkuImport();
  const submit = useSkuImport();

  const resetResults = () => {
    check.reset();
    submit.reset();
  };
  const chooseFile = (next: File | null) => {
    setFile(next);
    resetResults();
  };
  const chooseMode = (next: ImportMode) => {
    setMode(next);
    resetResults();
  };

  const accountId = targetAccount?.id ?? null;
  const ready = Boolean(file && accountId);
  const checked = check.isSuccess ? check.data : null;
  const done = submit.isSuccess ? submit.data : null;
  const failure = submit.error ?? check.error;
  // import_invalid carries one detail per bad cell; any other error that points at rows is shown the same way.
  const invalid =
    isApiError(failure) && (failure.code === 'import_invalid' || failure.details.some((d) => d.row !== undefined)) ? failure : null;

  const runCheck = () => {
    if (!file || !accountId) return;
    submit.reset();
    check.mutate({ accountId, file, mode, dryRun: true });
  };
  const runImport = () => {
    if (!file || !accountId) return;
    submit.mutate(
      { accountId, file, mode, dryRun: false },
      { onSuccess: () => void queryClient.invalidateQueries({ queryKey: [SKUS_KEY] }) },
    );
  };
  const startOver = () => {
    setFile(null);
    resetResults();
  };

  const current = done ? 2 : checked ? 2 : file ? 1 : 0;
  const stepStatus = done ? 'finish' : invalid ? 'error' : 'process';

  return (
    <>
      <PageHeader
        title={t('import.title')}
        extra={
          <Link to="/skus">
            <Button icon={<ArrowLeftOutlined />}>{t('import.back')}</Button>
          </Link>
        }
      >
        {targetAccount && (isStaff || targetAccount.code) ? (
          <Typography.Text type="secondary" data-testid="sku-import-account">
            {t('import.into', { account: `${targetAccount.code} · ${localizedName(targetAccount, locale)}` })}
          </Typography.Text>
        ) : null}
      </PageHeader>

      {isStaff && !accountId ? (
        <Alert data-testid="sku-import-need-account" type="warning" showIcon title={t('import.needAccount')} style={{ marginBottom: 16 }} />
      ) : null}

      <Steps
        className="import-steps"
        current={current}
        status={stepStatus}
        items={[
          { title: t('import.step.file'), icon: <FileSearchOutlined /> },
          { title: t('import.step.check'), icon: <CheckCircleOutlined /> },
          { title: t('import.step.import'), icon: <CloudUploadOutlined /> },
        ]}
      />

      {done ? (
        <Result
          data-testid="sku-import-done"
          status="success"
          title={t('import.done.title')}
          subTitle={t('import.done.detail', { created: done.created, updated: done.updated })}
          extra={[
            <Link key="view" to="/skus">
              <Button type="primary">{t('import.done.view')}</Button>
            </Link>,
            <Button key="again" onClick={startOver}>
              {t('import.done.again')}
            </Button>,
          ]}
        />
      ) : (
        <Flex vertical gap={16}>
          <Card title={t('import.template.title')} size="small">
            <TemplateDownload />
          </Card>

          <Card title={t('import.file.title')} size="small">
            <Flex vertical gap={16}>
              <ImportFilePicker file={file} onChange={chooseFile} disabled={check.isPending || submit.isPending} />
              <div>
                <Typography.Text className="field-label">{t('import.mode.label')}</Typography.Text>
                <Radio.Group
                  data-testid="sku-import-mode"
                  value={mode}
                  onChange={(e) => chooseMode(e.target.value as ImportMode)}
                  options={[
                    { value: 'create', label: t('import.mode.create') },
                    { value: 'upsert', label: t('import.mode.upsert') },
                  ]}
                />
              </div>
              <Typography.Text type="secondary">{t('import.file.help')}</Typography.Text>
              <Flex gap={8} wrap>
                <Button
                  data-testid="sku-import-validate"
                  icon={<CheckCircleOutlined />}
                  type={checked ? 'default' : 'primary'}
                  disabled={!ready || submit.isPending}
                  loading={check.isPending}
                  onClick={runCheck}
                >
                  {t('import.validate')}
                </Button>
                <Button
                  data-testid="sku-import-submit"
                  icon={<CloudUploadOutlined />}
                  type="primary"
                  disabled={!ready || !checked || check.isPending || Boolean(invalid)}
                  loading={submit.isPending}
                  onClick={runImport}
                >
                  {t('import.submit')}
                </Button>
              </Flex>
            </Flex>
          </Card>

          {checked && !invalid ? <ImportSummary result={checked} /> : null}
          {invalid ? <ImportErrorsTable details={invalid.details} /> : null}
          {failure && !invalid ? <ErrorAlert error={failure} testId="sku-import-failure" /> : null}
        </Flex>
      )}
    </>
  );
}
