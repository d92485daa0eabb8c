import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, api, isApiError } from '../api';
import { Brand } from '../components/brand';
import { FullPageSpin } from '../components/full-page-spin';
import { LangSwitch } from '../components/lang-switch';
import { useT } from '../i18n/i18n-context';
import { clearLoggedOut } from '../session/logout-intent';
import { fetchMe, ME_KEY, useMeQuery } from '../session/me-query';
import type { User } from '../types';

interface Credentials {
  email: string;
  password: string;
}

function afterLoginPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/skus';
}

export function LoginPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMeQuery();

  const login = useMutation({
    mutationFn: async (credentials: Credentials) => {
      await api<{ user: User }>('/v1/auth/login', { method: 'POST', body: credentials });
      clearLoggedOut();
      // Start clean for this user, then learn their account and permissions.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      const session = await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
      if (!session) throw new ApiError(401, 'session_not_kept', t('login.cookieMissing'));
      return session;
    },
    onSuccess: () => navigate(afterLoginPath(location.state), { replace: true }),
  });

  if (me.isPending) return <FullPageSpin />;
  if (me.data && !login.isPending) return <Navigate to={afterLoginPath(location.state)} replace />;

  const error = login.error;
  const errorText = !error
    ? null
    : isApiError(error) && error.code === 'invalid_credentials'
      ? t('login.invalid')
      : isApiError(error) && error.code === 'network_error'
        ? t('error.network')
        : error.message;

  return (
    <Flex className="login-page" vertical align="center" justify="center">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <Card className="login-card">
        <Flex vertical gap={24}>
          <div className="login-brand">
            <Brand />
            <Typography.Paragraph type="secondary" className="login-tagline">
              {t('app.tagline')}
            </Typography.Paragraph>
          </div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('login.title')}
          </Typography.Title>
          {errorText && (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              title={errorText}
              description={isApiError(error) && error.code !== 'invalid_credentials' ? t('error.code', { code: error.code }) : undefined}
            />
          )}
          <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} disabled={login.isPending}>
            <Form.Item
              label={t('login.email')}
              name="email"
              rules={[{ required: true, whitespace: true, message: t('login.emailRequired') }]}
            >
              <Input
                data-testid="login-email"
                type="email"
                autoComplete="username"
                prefix={<MailOutlined />}
                placeholder={t('login.emailPlaceholder')}
                autoFocus
              />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password data-testid="login-password" autoComplete="current-password" prefix={<LockOutlined />} />
            </Form.Item>
            <Button data-testid="login-submit" type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
        </Flex>
      </Card>
      <Typography.Text type="secondary" className="login-footer">
        {t('login.footer')}
      </Typography.Text>
    </Flex>
  );
}
