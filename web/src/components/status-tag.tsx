import { Tag } from 'antd';
import { useT } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/messages';

const STATUS_COLOURS: Record<string, string> = {
  active: 'green',
  archived: 'default',
  disabled: 'default',
  suspended: 'orange',
  revoked: 'red',
  expired: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  const key = `status.${status}`;
  return <Tag color={STATUS_COLOURS[status] ?? 'default'}>{isMessageKey(key) ? t(key) : status}</Tag>;
}
