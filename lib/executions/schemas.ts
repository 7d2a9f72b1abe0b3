import { z } from 'zod';
import { executionDetailStatuses } from '../db/schema';
import { pageQueryFields } from '../paging/page';
import { enumListQuery, executionStatuses } from './statuses';

export const executionPageQuerySchema = z.object({ ...pageQueryFields, status: enumListQuery(executionStatuses).optional() });
export const detailPageQuerySchema = z.object({ ...pageQueryFields, status: z.enum(executionDetailStatuses).optional() });
