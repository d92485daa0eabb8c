import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal } from 'antd';
import { useT } from '../../i18n/i18n-context';
import { copyText } from '../../lib/copy-text';
import type { CreatedApiKey } from '../../types';

/** The secret of a new key, shown this once, with a copy button and a warning. */
export function ApiKeySecretModal({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();

  const copy = async () => {
    if (!created) return;
    if (await copyText(created.secret)) message.success(t('apiKeys.secret.copied'));
    else message.warning(t('apiKeys.secret.copyFailed'));
  };

  return (
    <Modal
      open={created !== null}
      title={t('apiKeys.secret.title')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button data-testid="api-key-secret-close" type="primary" onClick={onClose}>
          {t('apiKeys.secret.done')}
        </Button>
      }
    >
      {created ? (
        <Flex vertical gap={16} data-testid="api-key-secret-modal">
          <Alert type="warning" showIcon title={t('apiKeys.secret.warning')} />
          <div>
            <strong>{created.api_key.name}</strong>
          </div>
          <Flex gap={8} align="start">
            <code data-testid="api-key-secret" className="secret-text">
              {created.secret}
            </code>
            <Button data-testid="api-key-secret-copy" icon={<CopyOutlined />} onClick={() => void copy()}>
              {t('apiKeys.secret.copy')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
    </Modal>
  );
}
