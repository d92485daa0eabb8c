import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useT } from '../i18n/i18n-context';
import { downloadJson, safeFileName } from '../lib/download-json';

/** Saves `value` as a .json file in the browser (no request: the data is already here). */
export function DownloadJsonButton({
  value,
  fileName,
  testId,
  size,
}: {
  value: unknown;
  fileName: string;
  testId?: string;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  return (
    <Button data-testid={testId} size={size} icon={<DownloadOutlined />} onClick={() => downloadJson(value, safeFileName(fileName))}>
      {t('common.downloadJson')}
    </Button>
  );
}
