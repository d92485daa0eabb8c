import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n/i18n-context';
import { grantableKeyRoles } from '../../lib/grantable-roles';
import { localizedName } from '../../lib/localized-name';
import { useAccountScope } from '../../session/account-scope';
import { useSession } from '../../session/session-context';
import type { CreatedApiKey, Role } from '../../types';
import { ErrorAlert } from '../error-alert';
import { useRoleLabel } from '../role-label';

interface FormValues {
  name: string;
  role: Role;
}

/** Names a new key and picks its role; the key belongs to the current account (or the provider). */
export function CreateApiKeyModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedApiKey) => void;
}) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const { targetAccount } = useAccountScope();
  const roleLabel = useRoleLabel();
  const [form] = Form.useForm<FormValues>();
  const ownerId = targetAccount?.id ?? null;
  const roles = grantableKeyRoles(me.user.role, me.user.account_id, ownerId);

  const create = useMutation({
    mutationFn: (values: FormValues) =>
      api<CreatedApiKey>('/v1/api-keys', { method: 'POST', body: { name: values.name.trim(), role: values.role, account_id: ownerId } }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      form.resetFields();
      create.reset();
      onCreated(created);
    },
  });

  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('apiKeys.form.title')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: roles.length === 0, ...({ 'data-testid': 'api-key-create-submit' } as object) }}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" requiredMark={false} onFinish={(values) => create.mutate(values)}>
        <Form.Item label={t('apiKeys.form.owner')}>
          <Typography.Text data-testid="api-key-owner">
            {targetAccount ? `${targetAccount.code} · ${localizedName(targetAccount, locale)}` : t('apiKeys.form.providerOwner')}
          </Typography.Text>
        </Form.Item>
        <Form.Item
          label={t('apiKeys.form.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('apiKeys.form.nameRequired') }]}
        >
          <Input data-testid="api-key-name" placeholder={t('apiKeys.form.namePlaceholder')} maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item
          label={t('apiKeys.form.role')}
          name="role"
          initialValue={(['seller_user', 'operator'] as Role[]).find((role) => roles.includes(role)) ?? roles[0]}
          rules={[{ required: true, message: t('apiKeys.form.roleRequired') }]}
        >
          <Select data-testid="api-key-role" options={roles.map((role) => ({ value: role, label: roleLabel(role) }))} />
        </Form.Item>
      </Form>
      {roles.length === 0 ? <Alert type="warning" showIcon title={t('apiKeys.form.noRoles')} /> : null}
      {create.error ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}
