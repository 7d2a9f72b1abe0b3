import type { ReactNode } from 'react';
import { ErrorState, TableSkeleton } from './states';

/** What a view needs of a react-query result. */
export type QueryLike<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };

type QueryViewProps<T> = {
  query: QueryLike<T>;
  /** Announced while loading, e.g. "Loading clusters". */
  loading: string;
  rows?: number;
  errorTitle?: string;
  /** Shown instead of the children when the data has nothing to show (see `isEmpty`). */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: NonNullable<T>) => ReactNode;
};

/** Nothing, an empty list or an empty page of records. */
function isEmptyData(data: unknown): boolean {
  if (data === null || data === undefined) return true;
  if (Array.isArray(data)) return data.length === 0;
  if (typeof data === 'object' && 'records' in data && Array.isArray(data.records)) return data.records.length === 0;
  return false;
}

/** The loading, error and empty states of one query, the same on every page. */
export function QueryView<T>({ query, loading, rows, errorTitle, empty, isEmpty = isEmptyData, children }: QueryViewProps<T>) {
  if (query.isPending) return <TableSkeleton label={loading} rows={rows} />;
  if (query.isError) return <ErrorState title={errorTitle} error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  if (data === null || data === undefined) return empty ?? null;
  if (empty !== undefined && isEmpty(data)) return empty;
  return children(data);
}
