import { LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useT } from '../i18n/i18n-context';
import { markLoggedOut } from '../session/logout-intent';
import { ME_KEY } from '../session/me-query';

/** Ends the session on the server, forgets everything cached, and goes to the login page. */
export function LogoutButton() {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => api<void>('/v1/auth/logout', { method: 'POST' }),
    onSettled: () => {
      markLoggedOut();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    },
  });
  return (
    <Button data-testid="logout" type="text" icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()}>
      {t('header.logout')}
    </Button>
  );
}
