import { Alert, Table, type TableColumnsType, Typography } from 'antd';
import type { ApiErrorDetail } from '../../api';
import { useT } from '../../i18n/i18n-context';

interface ErrorRow extends ApiErrorDetail {
  key: number;
}

/** Every problem in the file, located by spreadsheet row and column, so the seller can fix it in one pass. */
export function ImportErrorsTable({ details }: { details: readonly ApiErrorDetail[] }) {
  const t = useT();
  const rows: ErrorRow[] = details.map((d, i) => ({ ...d, key: i }));
  const columns: TableColumnsType<ErrorRow> = [
    { key: 'row', title: t('import.errors.row'), dataIndex: 'row', width: 80, render: (row?: number) => row ?? '—' },
    {
      key: 'column',
      title: t('import.errors.column'),
      width: 200,
      render: (_, d) =>
        d.column || d.header ? (
          <span>
            {d.column && <Typography.Text strong>{d.column}</Typography.Text>}
            {d.column && d.header ? ' · ' : null}
            {d.header}
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'field',
      title: t('import.errors.field'),
      dataIndex: 'field',
      width: 160,
      render: (field?: string) => (field ? <code>{field}</code> : '—'),
    },
    {
      key: 'message',
      title: t('import.errors.message'),
      render: (_, d) => (
        <span>
          {d.message}{' '}
          <Typography.Text type="secondary" className="error-code-inline">
            ({d.code})
          </Typography.Text>
        </span>
      ),
    },
  ];

  return (
    <div className="import-errors">
      <Alert
        type="error"
        showIcon
        title={details.length === 1 ? t('import.errors.titleOne') : t('import.errors.title', { count: details.length })}
        description={t('import.errors.help')}
        style={{ marginBottom: 12 }}
      />
      <div data-testid="sku-import-errors">
        <Table<ErrorRow>
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        />
      </div>
    </div>
  );
}
