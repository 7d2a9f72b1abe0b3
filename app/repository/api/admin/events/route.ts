import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listArtifactEvents } from '@/lib/events/list-events';
import { listEventsQuerySchema } from '@/lib/events/schemas';

// GET /repository/api/admin/events?afterId=&limit=: the artifact event outbox, oldest first.
export const GET = apiRoute(
  { path: '/repository/api/admin/events', access: adminOnly, query: listEventsQuerySchema },
  async ({ db, query }) => listArtifactEvents(db, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
