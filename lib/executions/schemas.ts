import { z } from 'zod';
import { executionDetailStatuses } from '../db/schema';
import { enumListQuery, pageQueryFields, pageQuerySchema } from '../paging/page';
import { executionStatuses } from './statuses';

export const executionPageQuerySchema = pageQuerySchema.extend({ status: enumListQuery(executionStatuses).optional() });
export const detailPageQuerySchema = z.object({ ...pageQueryFields, status: z.enum(executionDetailStatuses).optional() });
