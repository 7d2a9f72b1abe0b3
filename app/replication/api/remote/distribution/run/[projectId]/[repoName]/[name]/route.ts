import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { queueRun } from '@/lib/distribution/queue-run';
import { getRepositoryOrThrow } from '@/lib/projects/queries';

// POST /replication/api/remote/distribution/run/{projectId}/{repoName}/{name}: run a config now (Ferry extension).
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/run/[projectId]/[repoName]/[name]',
    access: inProject('MAINTAINER'),
    audit: 'config.run',
  },
  async ({ db, params }) => {
    const repository = await getRepositoryOrThrow(db, params.projectId, params.repoName);
    const queued = await queueRun(
      db,
      { projectName: repository.projectName, repoName: repository.name, kind: 'CONFIG', name: params.name },
      'MANUAL',
      new Date(),
    );
    return queued;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
