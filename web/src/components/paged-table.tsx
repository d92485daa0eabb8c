import { Table, type TableColumnsType, type TableProps } from 'antd';
import type { CursorList } from '../hooks/use-cursor-list';
import { useT } from '../i18n/i18n-context';
import { ErrorAlert } from './error-alert';
import { LoadMore } from './load-more';

interface PagedTableProps<T> extends Pick<TableProps<T>, 'onRow' | 'size'> {
  list: CursorList<T>;
  columns: TableColumnsType<T>;
  /** The table wrapper's data-testid, e.g. "sku-table". */
  testId: string;
  /** Defaults to testId with "-table" replaced by "-load-more". */
  loadMoreTestId?: string;
  /** Shown when the list is empty (once loaded). */
  emptyText: string;
  rowKey?: TableProps<T>['rowKey'];
  /** Hide a previous error while the next page is being fetched. */
  hideErrorWhileLoadingMore?: boolean;
}

/** A keyset-paginated list: error alert, table of the loaded rows, and "Load more". */
export function PagedTable<T extends object>({
  list,
  columns,
  testId,
  loadMoreTestId,
  emptyText,
  rowKey = 'id',
  hideErrorWhileLoadingMore = false,
  ...tableProps
}: PagedTableProps<T>) {
  const t = useT();
  const showError = list.isError && !(hideErrorWhileLoadingMore && list.isFetchingNextPage);
  return (
    <>
      {showError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div data-testid={testId}>
        <Table<T>
          {...tableProps}
          rowKey={rowKey}
          columns={columns}
          dataSource={list.rows}
          loading={list.isFetching && !list.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? t('common.loading') : emptyText }}
        />
      </div>
      <LoadMore
        testId={loadMoreTestId ?? testId.replace(/-table$/, '-load-more')}
        count={list.rows.length}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
