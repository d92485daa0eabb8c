import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../components/page-header';
import { QuoteForm } from '../components/quotes/quote-form';
import { useT } from '../i18n/i18n-context';
import { useAccountScope } from '../session/account-scope';
import { useSession } from '../session/session-context';

export function QuoteNewPage() {
  const t = useT();
  const { isStaff } = useSession();
  const { targetAccount } = useAccountScope();
  return (
    <>
      <PageHeader
        title={t('quoteForm.title')}
        extra={
          <Link to="/quotes">
            <Button icon={<ArrowLeftOutlined />}>{t('quotes.back')}</Button>
          </Link>
        }
      />
      <QuoteForm account={targetAccount} isStaff={isStaff} />
    </>
  );
}
