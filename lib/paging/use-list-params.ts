'use client';
import { useState } from 'react';

/**
 * The page and filters of a server-paged list: changing a filter goes back to page 1, so the
 * page asked for always exists.
 */
export function useListParams<F extends Record<string, string>>(initial: F, pageSize = 20) {
  const [state, setState] = useState({ pageNumber: 1, filters: initial });
  return {
    pageNumber: state.pageNumber,
    pageSize,
    filters: state.filters,
    /** Whether any filter differs from its initial value (an empty page then means "no match", not "none yet"). */
    filtered: Object.keys(initial).some((key) => state.filters[key] !== initial[key]),
    setFilter: (key: keyof F, value: string) => setState((s) => ({ pageNumber: 1, filters: { ...s.filters, [key]: value } })),
    setPage: (pageNumber: number) => setState((s) => ({ ...s, pageNumber })),
  };
}
