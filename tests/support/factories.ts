import { expect } from 'vitest';
import { type ApiClient, dataOf } from './api-client';
import { pushImageToFerry } from './artifacts';
import { uniqueName } from './harness';
import type { BuiltImage } from './oci-images';

export async function createProjectWithRepo(api: ApiClient, type: 'GENERIC' | 'DOCKER' = 'DOCKER') {
  const projectId = uniqueName('proj');
  const repoName = uniqueName('repo');
  dataOf(await api.post('/repository/api/project/create', { name: projectId, displayName: projectId, description: '' }));
  dataOf(
    await api.post('/repository/api/repo/create', { projectId, name: repoName, type, category: 'LOCAL', public: false, description: '' }),
  );
  return { projectId, repoName };
}

export async function createClusterNode(api: ApiClient, overrides: Record<string, unknown> = {}) {
  return dataOf(
    await api.post<{ id: string; name: string }>('/replication/api/cluster/create', {
      name: uniqueName('cluster'),
      url: 'http://127.0.0.1:9',
      username: 'admin',
      password: 'cluster-secret-password',
      type: 'STANDALONE',
      ...overrides,
    }),
  );
}

type RepoRef = { projectId: string; repoName: string };
const DISTRIBUTION = '/replication/api/remote/distribution';

/** Creates (or updates) distribution configs in a repository, all or nothing, through the API. */
export async function createConfigs(api: ApiClient, repo: RepoRef, configs: Record<string, unknown>[]): Promise<void> {
  dataOf(await api.post(`${DISTRIBUTION}/create/${repo.projectId}/${repo.repoName}`, { configs }));
}

/** Creates one distribution config and reads it back: its taskKey names its runs. */
export async function createConfig<Info extends { taskKey: string } = { taskKey: string }>(
  api: ApiClient,
  repo: RepoRef,
  config: { name: string } & Record<string, unknown>,
): Promise<Info> {
  await createConfigs(api, repo, [config]);
  const [info] = dataOf(await api.get<Info[]>(`${DISTRIBUTION}/info/${repo.projectId}/${repo.repoName}/${config.name}`));
  if (!info) throw new Error(`config ${config.name} not stored`);
  return info;
}

/** The runs of a config or task, newest first: the first page, of `pageSize` runs or the API's default. */
export async function runsOf<Run>(api: ApiClient, taskKey: string, pageSize?: number): Promise<Run[]> {
  const query = pageSize === undefined ? '' : `?pageSize=${pageSize}`;
  return dataOf(await api.get<{ records: Run[] }>(`/replication/api/execution/list/${taskKey}${query}`)).records;
}

/** Defines a run-once task (the body's fields besides the repository) in a repository through the API. */
export async function createRunOnceTask(
  api: ApiClient,
  { projectId, repoName, ...task }: RepoRef & Record<string, unknown>,
): Promise<void> {
  dataOf(await api.post(`${DISTRIBUTION}/create/runOnceTask/${projectId}/${repoName}`, task));
}

/** Queues a run of a run-once task through the API. */
export async function executeRunOnceTask(api: ApiClient, repo: RepoRef, name: string): Promise<void> {
  dataOf(await api.post(`${DISTRIBUTION}/execute/runOnceTask/${repo.projectId}/${repo.repoName}?name=${name}`));
}

/** Creates a run-once task, runs it, and waits (up to 30 s) for the run to end; returns its status. */
export async function runOnceTaskToEnd<Status extends { status: string }>(
  api: ApiClient,
  task: RepoRef & { name: string } & Record<string, unknown>,
): Promise<Status> {
  await createRunOnceTask(api, task);
  await executeRunOnceTask(api, task, task.name);
  const status = async () =>
    dataOf(await api.get<Status>(`${DISTRIBUTION}/get/runOnceTaskStatus/${task.projectId}/${task.repoName}?name=${task.name}`));
  await expect.poll(async () => (await status()).status, { timeout: 30_000 }).not.toMatch(/^(QUEUED|RUNNING)$/);
  return status();
}

/** A new project with a DOCKER repository holding `image` as `{name}:{tag}`, pushed over Ferry's /v2/ API. */
export async function createImageRepo(api: ApiClient, ferryUrl: string, ref: { name: string; tag: string }, image: BuiltImage) {
  const repo = await createProjectWithRepo(api, 'DOCKER');
  await pushImageToFerry(ferryUrl, { ...repo, image: ref.name, tag: ref.tag }, image);
  return repo;
}
