import { parseArtifactLocation } from '@/lib/artifacts/artifact-path';
import { getNodeDetail } from '@/lib/artifacts/node-detail';
import { apiRoute } from '@/lib/http/route';

// GET /repository/api/node/detail/{projectId}/{repoName}/{path}: one file or folder with its metadata.
export const GET = apiRoute({ anonymous: true }, async ({ db, principal, params }) =>
  getNodeDetail(db, parseArtifactLocation(params.path), principal),
);
