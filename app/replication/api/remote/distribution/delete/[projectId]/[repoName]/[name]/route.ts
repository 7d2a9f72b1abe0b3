import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteDistributionConfig } from '@/lib/distribution/delete-config';
import { repoChange } from '@/lib/distribution/repo-change';

// DELETE /replication/api/remote/distribution/delete/{projectId}/{repoName}/{name}: remove a config, cancelling its run.
export const DELETE = apiRoute(
  { path: '/replication/api/remote/distribution/delete/[projectId]/[repoName]/[name]' },
  async ({ db, params, principal }) => {
    await deleteDistributionConfig(db, { ...repoChange(params, principal), name: params.name });
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
