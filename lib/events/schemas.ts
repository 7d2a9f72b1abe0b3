import { z } from 'zod';

/** Query of GET /repository/api/admin/events: events after an id (exclusive), oldest first. */
export const listEventsQuerySchema = z.object({
  afterId: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ListEventsQuery = z.output<typeof listEventsQuerySchema>;

export type ArtifactEventInfo = {
  id: number;
  type: string;
  projectId: string;
  repoName: string;
  path: string;
  version: string | null;
  digest: string | null;
  size: number | null;
  actor: string;
  createdDate: string | null;
};
