import { z } from 'zod';
import { executionDetailStatuses } from '../db/schema';

const page = {
  pageNumber: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(20),
};

export const executionPageQuerySchema = z.object(page);
export const detailPageQuerySchema = z.object({ ...page, status: z.enum(executionDetailStatuses).optional() });

export type Page<T> = { pageNumber: number; pageSize: number; totalRecords: number; totalPages: number; records: T[] };

export function toPage<T>(records: T[], totalRecords: number, query: { pageNumber: number; pageSize: number }): Page<T> {
  return {
    pageNumber: query.pageNumber,
    pageSize: query.pageSize,
    totalRecords,
    totalPages: Math.ceil(totalRecords / query.pageSize),
    records,
  };
}
