'use client';
import { Button } from './button';

type PagerProps = {
  page: number;
  totalPages: number;
  onPage: (page: number) => void;
  /** What the whole list holds, e.g. "93 configs": shown even when it fits on one page. */
  total?: string;
};

export function Pager({ page, totalPages, onPage, total }: PagerProps) {
  if (totalPages <= 1) return total ? <p className="muted flush">{total}</p> : null;
  return (
    <nav className="row" aria-label="Pages">
      <Button size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <span className="muted">
        Page {page} of {totalPages}
        {total ? ` · ${total}` : ''}
      </span>
      <Button size="sm" disabled={page >= totalPages} onClick={() => onPage(page + 1)}>
        Next
      </Button>
    </nav>
  );
}

/** The pager of a server page of records, with its total ("93 configs"). */
export function PageNav({
  page,
  onPage,
  noun,
}: {
  page: { pageNumber: number; totalPages: number; totalRecords: number };
  onPage: (page: number) => void;
  noun: string;
}) {
  const total = `${page.totalRecords} ${noun}${page.totalRecords === 1 ? '' : 's'}`;
  return <Pager page={page.pageNumber} totalPages={page.totalPages} onPage={onPage} total={total} />;
}
