import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n/i18n-context';
import { ME_KEY } from '../session/me-query';
import type { Locale, Me, User } from '../types';

/** Saves the language on the signed-in user (PATCH /v1/auth/me) so it follows them to any device. */
export function useSaveLocale() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: (locale: Locale) => api<{ user: User }>('/v1/auth/me', { method: 'PATCH', body: { locale } }),
    onSuccess: ({ user }) => {
      queryClient.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, user: { ...me.user, ...user } } : me));
    },
    onError: (error) => {
      message.warning(t('lang.saveFailed', { message: error instanceof Error ? error.message : String(error) }));
    },
  });
}
