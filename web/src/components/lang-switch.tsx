import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Select } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import { markChoiceBeforeLogin } from '../i18n/initial-locale';
import { isLocale, LOCALES } from '../i18n/messages';
import { useSaveLocale } from '../hooks/use-save-locale';
import { ME_KEY } from '../session/me-query';
import type { Me } from '../types';

/** 中文 / English. Signed in, the choice is saved on the user; before login, on this device. */
export function LangSwitch() {
  const { locale, setLocale, t } = useI18n();
  const queryClient = useQueryClient();
  const save = useSaveLocale();

  const onChange = (value: string) => {
    if (!isLocale(value) || value === locale) return;
    setLocale(value);
    const me = queryClient.getQueryData<Me | null>(ME_KEY);
    if (me) save.mutate(value);
    else markChoiceBeforeLogin(value);
  };

  return (
    <Select
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      value={locale}
      onChange={onChange}
      prefix={<GlobalOutlined />}
      style={{ minWidth: 92 }}
      popupMatchSelectWidth={false}
      // The closed switch shows a short code, so the full names "中文" / "English" appear only
      // once on the page (in the open list) and clicking that text is unambiguous.
      labelRender={({ value }) => (isLocale(value) ? t(`lang.short.${value}`) : String(value))}
      options={LOCALES.map((value) => ({ value, label: t(`lang.${value}`), 'data-testid': `lang-option-${value}` }))}
    />
  );
}
