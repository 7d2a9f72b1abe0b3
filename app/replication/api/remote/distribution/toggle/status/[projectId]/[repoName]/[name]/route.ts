import { toggleDistributionConfig } from '@/lib/distribution/toggle-config';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/remote/distribution/toggle/status/{projectId}/{repoName}/{name}: flip enable.
export const POST = apiRoute({}, async ({ db, params, principal }) => {
  await toggleDistributionConfig(db, {
    projectName: params.projectId ?? '',
    repoName: params.repoName ?? '',
    name: params.name ?? '',
    actor: principal.username,
    now: new Date(),
  });
  return null;
});
