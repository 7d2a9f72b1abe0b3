import { createDistributionConfigs } from '@/lib/distribution/save-configs';
import { createDistributionConfigsSchema } from '@/lib/distribution/schemas';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/remote/distribution/create/{projectId}/{repoName}: create or update configs, all or nothing.
export const POST = apiRoute({ body: createDistributionConfigsSchema }, async ({ db, params, body, principal }) => {
  await createDistributionConfigs(db, {
    projectName: params.projectId ?? '',
    repoName: params.repoName ?? '',
    configs: body.configs,
    actor: principal.username,
    now: new Date(),
  });
  return null;
});
