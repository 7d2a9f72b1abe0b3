import { z } from 'zod';
import { driftStates } from '../db/schema/drift';
import { pageQueryFields } from '../paging/page';

/** Query of GET …/drift/{projectId}/{repoName}/{name}: a page of the latest check's items, optionally of one state. */
export const driftItemsQuerySchema = z.object({
  ...pageQueryFields,
  state: z.enum(driftStates).optional(),
});
export type DriftItemsQuery = z.output<typeof driftItemsQuerySchema>;
