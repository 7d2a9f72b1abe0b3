import type { ReactNode } from 'react';
import { type QueryLike, QueryView } from './query-view';
import { DataTable } from './table';

type QueryTableProps<T> = {
  query: QueryLike<T[]>;
  /** Announced while loading, e.g. "Loading clusters". */
  loading: string;
  /** Shown instead of the table when the list is empty. */
  empty?: ReactNode;
  caption: ReactNode;
  columns: ReactNode[];
  /** One <tr> (with its key) per item. */
  row: (item: T) => ReactNode;
};

/** A list query as a table: QueryView's loading, error and empty states, then one row per item. */
export function QueryTable<T>({ query, loading, empty, caption, columns, row }: QueryTableProps<T>) {
  return (
    <QueryView query={query} loading={loading} empty={empty}>
      {(list) => (
        <DataTable caption={caption} columns={columns}>
          {list.map((item) => row(item))}
        </DataTable>
      )}
    </QueryView>
  );
}
