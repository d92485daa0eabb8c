import { ShopOutlined } from '@ant-design/icons';
import { Select, Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../lib/localized-name';
import { useAccountScope } from '../session/account-scope';

const ALL = '__all__';

/** Provider staff work on one seller account at a time, or look across all of them. */
export function AccountSwitcher() {
  const { t, locale } = useI18n();
  const { selectedAccountId, setSelectedAccountId, accounts, accountsQuery } = useAccountScope();
  const failed = Boolean(accountsQuery.error);

  const select = (
    <Select
      data-testid="account-switcher"
      aria-label={t('header.account')}
      value={selectedAccountId ?? ALL}
      onChange={(value: string) => setSelectedAccountId(value === ALL ? null : value)}
      loading={accountsQuery.isLoading}
      status={failed ? 'error' : undefined}
      prefix={<ShopOutlined />}
      style={{ minWidth: 220, maxWidth: 320 }}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: 'search' }}
      options={[
        { value: ALL, label: t('header.allAccounts'), search: t('header.allAccounts'), 'data-testid': 'account-option-all' },
        ...accounts.map((account) => {
          const name = localizedName(account, locale);
          return {
            value: account.id,
            label: `${account.code} · ${name}`,
            search: `${account.code} ${account.name} ${account.name_zh ?? ''}`,
            'data-testid': `account-option-${account.code}`,
          };
        }),
      ]}
    />
  );
  return failed ? <Tooltip title={t('header.accountsFailed')}>{select}</Tooltip> : select;
}
