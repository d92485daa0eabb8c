import { Alert, Form, Input } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { localizedName } from '../../lib/localized-name';
import type { AccountRef } from '../../types';

/**
 * Whom the quote is for. Sellers quote their own account; staff quote the account picked in
 * the header switcher (its plan applies) or, with "All accounts", a named prospect.
 */
export function QuoteTarget({ account, isStaff }: { account: AccountRef | null; isStaff: boolean }) {
  const { t, locale } = useI18n();
  if (account) {
    const name = account.code ? `${account.code} · ${localizedName(account, locale)}` : localizedName(account, locale);
    return (
      <Alert
        data-testid="quote-target"
        type="info"
        showIcon
        title={t('quoteForm.forAccount', { account: name })}
        description={isStaff ? t('quoteForm.forAccountHelp') : undefined}
      />
    );
  }
  return (
    <>
      <Alert data-testid="quote-target" type="info" showIcon title={t('quoteForm.prospectHelp')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('quoteForm.prospectName')} name="prospect_name" rules={[{ max: 200 }]}>
        <Input
          data-testid="quote-prospect-name"
          placeholder={t('quoteForm.prospectPlaceholder')}
          maxLength={200}
          style={{ maxWidth: 420 }}
        />
      </Form.Item>
    </>
  );
}
