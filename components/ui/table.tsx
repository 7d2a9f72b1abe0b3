import { Fragment, type ReactNode } from 'react';

/** A column header: text, ACTIONS (a column of buttons, named for screen readers only), or a ready <th>. */
export const ACTIONS = '';

/** A scrollable table with a caption for screen readers and one header row. */
export function DataTable({ caption, columns, children }: { caption: ReactNode; columns: ReactNode[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) =>
              typeof column === 'string' ? (
                <th key={column || 'actions'} scope="col">
                  {column || <span className="sr-only">Actions</span>}
                </th>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed per table
                <Fragment key={index}>{column}</Fragment>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The last cell of a row: its buttons, right-aligned on one line. */
export function ActionsCell({ children }: { children: ReactNode }) {
  return (
    <td>
      <div className="row actions">{children}</div>
    </td>
  );
}

/** The one row of a filtered table page that has nothing to show. */
export function NoMatchRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="muted">
        {children}
      </td>
    </tr>
  );
}
