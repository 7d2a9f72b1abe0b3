import { updateDistributionConfigSchema } from '@/lib/distribution/schemas';
import { updateDistributionConfig } from '@/lib/distribution/update-config';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/remote/distribution/update/{projectId}/{repoName}/{name}: change what the body sends.
export const POST = apiRoute({ body: updateDistributionConfigSchema }, async ({ db, params, body, principal }) => {
  await updateDistributionConfig(db, {
    projectName: params.projectId ?? '',
    repoName: params.repoName ?? '',
    name: params.name ?? '',
    body,
    actor: principal.username,
    now: new Date(),
  });
  return null;
});
