import { listArtifactEvents } from '@/lib/events/list-events';
import { listEventsQuerySchema } from '@/lib/events/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /repository/api/admin/events?afterId=&limit=: the artifact event outbox, oldest first.
export const GET = apiRoute({ query: listEventsQuerySchema }, async ({ db, query }) => listArtifactEvents(db, query));
