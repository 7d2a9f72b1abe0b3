import { anyone } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { parseArtifactLocation } from '@/lib/artifacts/artifact-path';
import { listNodePage } from '@/lib/artifacts/list-folder';
import { nodePageQuerySchema } from '@/lib/artifacts/schemas';

// GET /repository/api/node/page/{projectId}/{repoName}/{path}: a folder's direct children, paged and sorted.
export const GET = apiRoute(
  { path: '/repository/api/node/page/[...path]', access: anyone, query: nodePageQuerySchema, anonymous: true },
  async ({ db, principal, params, query }) => listNodePage(db, parseArtifactLocation(params.path), query, principal),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
