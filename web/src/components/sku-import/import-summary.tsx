import { Alert } from 'antd';
import { useT } from '../../i18n/i18n-context';
import type { SkuImportResult } from '../../types';

/** Result of a dry run: how many SKUs would be written, and which columns were ignored. */
export function ImportSummary({ result }: { result: SkuImportResult }) {
  const t = useT();
  return (
    <div data-testid="sku-import-summary">
      <Alert
        type="success"
        showIcon
        title={result.total_rows === 1 ? t('import.summary.readyOne') : t('import.summary.ready', { count: result.total_rows })}
        description={
          <>
            <div>{t('import.summary.breakdown', { created: result.created, updated: result.updated })}</div>
            {result.ignored_headers.length > 0 && (
              <div className="ignored-headers">{t('import.summary.ignored', { headers: result.ignored_headers.join(', ') })}</div>
            )}
          </>
        }
      />
    </div>
  );
}
