import { anyone } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { parseArtifactLocation } from '@/lib/artifacts/artifact-path';
import { getNodeDetail } from '@/lib/artifacts/node-detail';

// GET /repository/api/node/detail/{projectId}/{repoName}/{path}: one file or folder with its metadata.
export const GET = apiRoute(
  { path: '/repository/api/node/detail/[...path]', access: anyone, anonymous: true },
  async ({ db, principal, params }) => getNodeDetail(db, parseArtifactLocation(params.path), principal),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
