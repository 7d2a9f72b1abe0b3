import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteDistributionConfig } from '@/lib/distribution/delete-config';
import { repoChange } from '@/lib/distribution/repo-change';

// DELETE /replication/api/remote/distribution/delete/{projectId}/{repoName}/{name}: remove a config, cancelling its run.
export const DELETE = apiRoute(
  {
    path: '/replication/api/remote/distribution/delete/[projectId]/[repoName]/[name]',
    access: inProject('MAINTAINER'),
    audit: 'config.delete',
  },
  async ({ db, params, principal, audit }) => {
    await deleteDistributionConfig(db, { ...repoChange(params, principal, audit), name: params.name });
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
