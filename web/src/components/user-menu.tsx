import { UserOutlined } from '@ant-design/icons';
import { Avatar, Descriptions, Popover, Space, Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../lib/localized-name';
import { useSession } from '../session/session-context';
import { useRoleLabel } from './role-label';

/** Who is signed in: name in the header, details on click. */
export function UserMenu() {
  const { t, locale } = useI18n();
  const { me, isStaff } = useSession();
  const roleLabel = useRoleLabel();
  const accountText = me.account ? `${me.account.code} · ${localizedName(me.account, locale)}` : isStaff ? t('header.provider') : '';

  const details = (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'email', label: t('users.col.email'), children: me.user.email },
        { key: 'role', label: t('users.col.role'), children: roleLabel(me.user.role) },
        { key: 'account', label: t('users.col.account'), children: accountText || '—' },
      ]}
    />
  );

  return (
    <Popover content={details} trigger="click" placement="bottomRight">
      <Space data-testid="user-menu" className="user-menu" role="button" tabIndex={0}>
        <Avatar size="small" icon={<UserOutlined />} />
        <span className="user-menu-text">
          <Typography.Text strong>{me.user.name || me.user.email}</Typography.Text>
          <Typography.Text type="secondary" className="user-menu-role">
            {roleLabel(me.user.role)}
          </Typography.Text>
        </span>
      </Space>
    </Popover>
  );
}
