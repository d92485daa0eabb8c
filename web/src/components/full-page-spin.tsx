import { Flex, Spin } from 'antd';
import { useT } from '../i18n/i18n-context';

export function FullPageSpin() {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }} data-testid="app-loading">
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}
