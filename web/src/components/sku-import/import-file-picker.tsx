import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import { useT } from '../../i18n/i18n-context';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * Picks one .xlsx/.csv file and keeps it in the browser (nothing uploads until Check/Import).
 * The test id sits on the wrapper so `[data-testid="sku-import-file"] input[type=file]` reaches the input.
 */
export function ImportFilePicker({
  file,
  onChange,
  disabled,
}: {
  file: File | null;
  onChange: (file: File | null) => void;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <div data-testid="sku-import-file" className="import-file-picker">
      <Upload
        accept={ACCEPT}
        maxCount={1}
        disabled={disabled}
        beforeUpload={(picked) => {
          onChange(picked);
          return false;
        }}
        onRemove={() => {
          onChange(null);
          return true;
        }}
        fileList={file ? [{ uid: `${file.name}-${file.size}-${file.lastModified}`, name: file.name, size: file.size, status: 'done' }] : []}
      >
        <Button icon={<FileExcelOutlined />} disabled={disabled}>
          {t('import.file.choose')}
        </Button>
      </Upload>
    </div>
  );
}
