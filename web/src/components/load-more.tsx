import { Button, Space, Typography } from 'antd';
import { useT } from '../i18n/i18n-context';

interface LoadMoreProps {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  testId: string;
}

/** Keyset pagination: fetch the next page by cursor and append it. */
export function LoadMore({ count, hasMore, loading, onLoadMore, testId }: LoadMoreProps) {
  const t = useT();
  if (count === 0) return null;
  return (
    <Space className="load-more">
      {hasMore ? (
        <Button data-testid={testId} onClick={onLoadMore} loading={loading}>
          {t('common.loadMore')}
        </Button>
      ) : null}
      <Typography.Text type="secondary">{hasMore ? t('common.shown', { count }) : t('common.allShown', { count })}</Typography.Text>
    </Space>
  );
}
