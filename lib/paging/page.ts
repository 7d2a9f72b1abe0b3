import { z } from 'zod';

/** bk-repo's page of records, as every paged endpoint answers it. */
export type Page<T> = { pageNumber: number; pageSize: number; totalRecords: number; totalPages: number; records: T[] };

export type PageQuery = { pageNumber: number; pageSize: number };

/** `pageNumber` (from 1) and `pageSize` (1…1000, default 20) query fields; spread into a query schema. */
export const pageQueryFields = {
  pageNumber: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(20),
};

export const pageQuerySchema = z.object(pageQueryFields);

/** Rows to skip for a page. */
export function pageOffset(query: PageQuery): number {
  return (query.pageNumber - 1) * query.pageSize;
}

export function toPage<T>(records: T[], totalRecords: number, query: PageQuery): Page<T> {
  return {
    pageNumber: query.pageNumber,
    pageSize: query.pageSize,
    totalRecords,
    totalPages: Math.ceil(totalRecords / query.pageSize),
    records,
  };
}

/** `a,b,c` of one enum's values in a query string (e.g. `status=QUEUED,RUNNING`). */
export const enumListQuery = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));
