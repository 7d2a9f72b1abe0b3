import { randomBytes } from 'node:crypto';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { uploadFile } from '../support/artifacts';
import { createClusterNode } from '../support/factories';
import { uniqueName } from '../support/harness';
import { ociClient } from '../support/oci-client';
import { createToken, setMember } from '../teams/support';
import { type Caller, callers, PASSWORDS } from './callers';

// The shared world every row of the matrix runs against, made once by `admin`: project p with a
// GENERIC, a DOCKER and a public GENERIC repository, project q for the other-project token, a
// cluster, configs, run-once tasks, executions, a file and an image.

export type Fixtures = {
  url: string;
  admin: ApiClient;
  /** The project under test; lowercase, since it holds a DOCKER repository. */
  p: string;
  q: string;
  generic: string;
  docker: string;
  pub: string;
  cluster: { id: string; name: string };
  /** A queued execution of run-once task `task`, never touched by rows. */
  execution: { id: string; taskKey: string };
  /** A cancelled execution with no artifacts, for retry. */
  doneExecutionId: string;
  /** The config `cfg-run`'s task key, to find its runs. */
  runConfigTaskKey: string;
  file: { path: string; content: Buffer };
  image: { name: string; tag: string; digest: string; manifest: Buffer; layerDigest: string };
  /** Authorization header per caller id (null = anonymous). */
  auth: Record<string, string | null>;
  /** Every token's secret by caller id, for skopeo. */
  tokens: Record<string, string>;
};

export const distribution = (verb: string, f: Pick<Fixtures, 'p' | 'generic'>, suffix = '') =>
  `/replication/api/remote/distribution/${verb}/${f.p}/${f.generic}${suffix}`;

export const configBody = (name: string, clusterId: string, description = 'matrix') => ({
  configs: [
    {
      name,
      clusterId,
      remoteProjectId: 'remote',
      remoteRepoName: 'files',
      replicaType: 'SCHEDULED',
      setting: { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 2 * * ?' } },
      description,
    },
  ],
});

export const taskBody = (name: string, clusterId: string) => ({
  name,
  clusterId,
  remoteProjectId: 'remote',
  remoteRepoName: 'files',
  pathConstraints: ['/dir/file.txt'],
  description: 'matrix',
});

type RunOnceStatus = { id: string; taskKey: string; status: string } | null;

export async function runOnceStatus(f: Pick<Fixtures, 'admin' | 'p' | 'generic'>, name: string): Promise<RunOnceStatus> {
  return dataOf(await f.admin.get<RunOnceStatus>(distribution('get/runOnceTaskStatus', f, `?name=${name}`)));
}

/** A queued run of the task (runner off: it stays queued); reuses one left by an earlier row. */
export async function queuedRunOf(f: Pick<Fixtures, 'admin' | 'p' | 'generic'>, name: string): Promise<{ id: string; taskKey: string }> {
  const before = await runOnceStatus(f, name);
  if (before?.status !== 'RUNNING') dataOf(await f.admin.post(distribution('execute/runOnceTask', f, `?name=${name}`)));
  const after = await runOnceStatus(f, name);
  if (!after) throw new Error(`no run of ${name}`);
  return after;
}

/** Cancels whatever run of a task or config is queued, so the next execute or run may start one. */
export async function cancelActiveRun(f: Pick<Fixtures, 'admin'>, taskKey: string): Promise<void> {
  const page = dataOf(await f.admin.get<{ records: Array<{ id: string; status: string }> }>(`/replication/api/execution/list/${taskKey}`));
  for (const run of page.records) {
    if (run.status === 'QUEUED' || run.status === 'RUNNING') dataOf(await f.admin.post(`/replication/api/execution/cancel/${run.id}`));
  }
}

async function taskKeyOfConfig(f: Pick<Fixtures, 'admin' | 'p' | 'generic'>, name: string): Promise<string> {
  const [config] = dataOf(await f.admin.get<Array<{ taskKey: string }>>(distribution('info', f, `/${name}`)));
  if (!config) throw new Error(`no config ${name}`);
  return config.taskKey;
}

/** A user with a fixed login name (the matrix's messages name it) and its password from PASSWORDS. */
export async function createNamedUser(admin: ApiClient, userId: string, options: { admin?: boolean } = {}) {
  const body = { userId, name: `${userId} (test)`, password: PASSWORDS[userId] ?? 'password-123', admin: options.admin ?? false };
  return dataOf(await admin.post<{ userId: string; name: string; admin: boolean }>('/repository/api/user/create', body));
}

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

function authOf(caller: Caller, tokens: Record<string, string>): string | null {
  if (!caller.user) return null;
  if (caller.token) return `Bearer ${tokens[caller.id]}`;
  return basic(caller.user, PASSWORDS[caller.user] ?? '');
}

export async function createFixtures(url: string): Promise<Fixtures> {
  const admin = apiClient(url);
  const p = uniqueName('team');
  const q = uniqueName('other');
  const [generic, docker, pub] = ['files', 'images', 'public'];
  for (const name of ['viewer', 'maintainer', 'padmin', 'outsider', 'admin2', 'extra', 'extra2']) {
    await createNamedUser(admin, name, { admin: name === 'admin2' });
  }
  for (const name of [p, q]) dataOf(await admin.post('/repository/api/project/create', { name, displayName: name, description: '' }));
  const repo = (projectId: string, name: string, type: 'GENERIC' | 'DOCKER', isPublic = false) =>
    admin.post('/repository/api/repo/create', { projectId, name, type, category: 'LOCAL', public: isPublic, description: '' });
  dataOf(await repo(p, generic, 'GENERIC'));
  dataOf(await repo(p, docker, 'DOCKER'));
  dataOf(await repo(p, pub, 'GENERIC', true));
  dataOf(await repo(q, 'things', 'GENERIC'));
  await setMember(admin, p, 'viewer', 'VIEWER');
  await setMember(admin, p, 'maintainer', 'MAINTAINER');
  await setMember(admin, p, 'padmin', 'PROJECT_ADMIN');
  await setMember(admin, q, 'outsider', 'MAINTAINER');

  const cluster = await createClusterNode(admin, { username: 'robot', password: 'cluster-secret-password' });
  const base = { admin, p, generic };
  for (const name of ['cfg', 'cfg-run']) dataOf(await admin.post(distribution('create', base), configBody(name, cluster.id)));
  for (const name of ['task', 'task-exec', 'task-cancel', 'task-done']) {
    dataOf(await admin.post(distribution('create/runOnceTask', base), taskBody(name, cluster.id)));
  }
  const execution = await queuedRunOf(base, 'task');
  const done = await queuedRunOf(base, 'task-done');
  dataOf(await admin.post(`/replication/api/execution/cancel/${done.id}`));

  const file = { path: '/dir/file.txt', content: randomBytes(2048) };
  for (const [repoName, target] of [
    [generic, file.path],
    [pub, '/readme.txt'],
  ] as const) {
    const upload = await uploadFile(url, { projectId: p, repoName, path: target }, file.content);
    if (upload.status !== 200) throw new Error(`upload → ${upload.status} ${await upload.text()}`);
  }
  const pushed = await ociClient(url).pushImage(`${p}/${docker}/app`, '1.0');
  const image = { name: 'app', tag: '1.0', digest: pushed.digest, manifest: pushed.manifest, layerDigest: pushed.layerDigest };

  const tokens: Record<string, string> = {};
  for (const caller of callers) {
    if (!caller.token || !caller.user) continue;
    const projectId = caller.token.project === 'own' ? p : caller.token.project === 'other' ? q : undefined;
    const owner = apiClient(url, { username: caller.user, password: PASSWORDS[caller.user] ?? '' });
    tokens[caller.id] = (await createToken(owner, { name: caller.token.name, projectId, access: caller.token.access })).token;
  }
  const auth = Object.fromEntries(callers.map((c) => [c.id, authOf(c, tokens)]));
  return {
    url,
    admin,
    p,
    q,
    generic,
    docker,
    pub,
    cluster,
    execution,
    doneExecutionId: done.id,
    runConfigTaskKey: await taskKeyOfConfig(base, 'cfg-run'),
    file,
    image,
    auth,
    tokens,
  };
}
