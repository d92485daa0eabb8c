import { Alert, Table, Typography } from 'antd';
import type { ApiErrorDetail } from '../../api';
import { useI18n } from '../../i18n/i18n-context';

interface Row extends ApiErrorDetail {
  key: number;
}

/** Every problem the server found in an uploaded document, each located by its path inside it. */
export function DocumentErrorsTable({ details }: { details: readonly ApiErrorDetail[] }) {
  const { t, locale } = useI18n();
  const rows: Row[] = details.map((d, i) => ({ ...d, key: i }));
  return (
    <div data-testid="rate-card-upload-errors">
      <Alert
        type="error"
        showIcon
        title={details.length === 1 ? t('rateCards.upload.errorsOne') : t('rateCards.upload.errors', { count: details.length })}
        style={{ marginBottom: 8 }}
      />
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        dataSource={rows}
        columns={[
          {
            key: 'path',
            title: t('rateCards.upload.col.path'),
            render: (_, d) => <code className="break-all">{d.path?.length ? d.path.join('.') : (d.field ?? '—')}</code>,
          },
          {
            key: 'message',
            title: t('rateCards.upload.col.problem'),
            render: (_, d) => (
              <span>
                {(locale === 'zh-CN' ? d.messages?.zh : d.messages?.en) ?? d.message}{' '}
                <Typography.Text type="secondary" className="error-code-inline">
                  ({d.code})
                </Typography.Text>
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
