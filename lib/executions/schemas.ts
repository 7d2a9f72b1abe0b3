import { z } from 'zod';
import { executionDetailStatuses } from '../db/schema';
import { pageQueryFields, pageQuerySchema } from '../paging/page';

export const executionPageQuerySchema = pageQuerySchema;
export const detailPageQuerySchema = z.object({ ...pageQueryFields, status: z.enum(executionDetailStatuses).optional() });
