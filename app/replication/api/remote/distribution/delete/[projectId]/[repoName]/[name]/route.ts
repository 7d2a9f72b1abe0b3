import { deleteDistributionConfig } from '@/lib/distribution/delete-config';
import { apiRoute } from '@/lib/http/route';

// DELETE /replication/api/remote/distribution/delete/{projectId}/{repoName}/{name}: remove a config, cancelling its run.
export const DELETE = apiRoute({}, async ({ db, params, principal }) => {
  await deleteDistributionConfig(db, {
    projectName: params.projectId ?? '',
    repoName: params.repoName ?? '',
    name: params.name ?? '',
    actor: principal.username,
    now: new Date(),
  });
  return null;
});
