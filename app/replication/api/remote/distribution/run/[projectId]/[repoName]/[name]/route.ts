import { queueRun } from '@/lib/distribution/queue-run';
import { apiRoute } from '@/lib/http/route';
import { getRepositoryOrThrow } from '@/lib/projects/queries';

// POST /replication/api/remote/distribution/run/{projectId}/{repoName}/{name}: run a config now (Ferry extension).
export const POST = apiRoute({}, async ({ db, params }) => {
  const repository = await getRepositoryOrThrow(db, params.projectId ?? '', params.repoName ?? '');
  const queued = await queueRun(
    db,
    { projectName: repository.projectName, repoName: repository.name, kind: 'CONFIG', name: params.name ?? '' },
    'MANUAL',
    new Date(),
  );
  return queued;
});
