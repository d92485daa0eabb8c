import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Radio, Typography } from 'antd';
import { useState } from 'react';
import { apiUrl } from '../../api';
import { useI18n } from '../../i18n/i18n-context';

/** Links to GET /v1/skus/import/template in the format and header language the seller wants. */
export function TemplateDownload() {
  const { t, locale } = useI18n();
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [lang, setLang] = useState<'en' | 'zh'>(locale === 'zh-CN' ? 'zh' : 'en');

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('import.template.help')}
      </Typography.Paragraph>
      <Flex gap={16} wrap align="center">
        <span>
          <Typography.Text className="field-label">{t('import.template.format')}</Typography.Text>
          <Radio.Group
            data-testid="sku-import-template-format"
            optionType="button"
            value={format}
            onChange={(e) => setFormat(e.target.value)}
            options={[
              { value: 'xlsx', label: 'Excel (.xlsx)' },
              { value: 'csv', label: 'CSV' },
            ]}
          />
        </span>
        <span>
          <Typography.Text className="field-label">{t('import.template.headers')}</Typography.Text>
          <Radio.Group
            data-testid="sku-import-template-lang"
            optionType="button"
            value={lang}
            onChange={(e) => setLang(e.target.value)}
            options={[
              { value: 'zh', label: t('import.template.headersZh') },
              { value: 'en', label: t('import.template.headersEn') },
            ]}
          />
        </span>
        <Button
          data-testid="sku-import-template"
          icon={<DownloadOutlined />}
          href={apiUrl('/v1/skus/import/template', { format, lang })}
          download
        >
          {t('import.template.download')}
        </Button>
      </Flex>
    </Flex>
  );
}
