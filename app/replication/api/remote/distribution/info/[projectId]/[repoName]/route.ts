import { listDistributionConfigs } from '@/lib/distribution/list-configs';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/remote/distribution/info/{projectId}/{repoName}: every config of the repository.
export const GET = apiRoute({}, ({ db, params }) =>
  listDistributionConfigs(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '' }),
);
