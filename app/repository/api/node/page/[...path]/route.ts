import { parseArtifactLocation } from '@/lib/artifacts/artifact-path';
import { listNodePage } from '@/lib/artifacts/list-folder';
import { nodePageQuerySchema } from '@/lib/artifacts/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /repository/api/node/page/{projectId}/{repoName}/{path}: a folder's direct children, paged and sorted.
export const GET = apiRoute({ query: nodePageQuerySchema, anonymous: true }, async ({ db, principal, params, query }) =>
  listNodePage(db, parseArtifactLocation(params.path), query, principal),
);
