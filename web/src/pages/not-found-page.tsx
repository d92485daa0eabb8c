import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n-context';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('error.notFound')}
      extra={
        <Link to="/skus">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}
