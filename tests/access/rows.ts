import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { dataOf } from '../support/api-client';
import { uploadFile } from '../support/artifacts';
import { createClusterNode } from '../support/factories';
import { uniqueName } from '../support/harness';
import { ociClient } from '../support/oci-client';
import { setMember } from '../teams/support';
import type { Caller, Mint, Right, RowKind } from './callers';
import {
  cancelActiveRun,
  configBody,
  createNamedUser,
  distribution,
  type Fixtures,
  queuedRunOf,
  runOnceStatus,
  taskBody,
} from './fixtures';
import { describeRes, type Req, type Res } from './http';

// The permission matrix: one row per route (every seed endpoint, clusters, projects, repositories,
// members, users, tokens, events/gc/audit, executions, generic, node/package/version, /v2), the
// least right it needs, and what a caller who has that right gets. Rows that change something
// make what they change in `prepare` (as admin), so every caller meets the same world.

type Vars = Record<string, string>;
type Ctx = { f: Fixtures; v: Vars; caller: Caller };

export type Row = {
  name: string;
  min: Right;
  /** /v2 answers with the distribution-spec error body instead of the envelope. */
  surface?: 'oci';
  /** The row addresses the fixture project p (non-members and other-project tokens get 404). */
  project?: boolean;
  kind?: RowKind;
  mints?: Mint;
  prepare?: (f: Fixtures) => Promise<Vars>;
  request: (ctx: Ctx) => Req;
  /**
   * What to swap in the request to address something that does not exist (default: project p
   * for a ghost project): a non-member must get exactly the answer it gets for that.
   */
  ghost?: (ctx: Ctx) => [real: string, fake: string];
  /** The ghost answer need not be 404 (a list of an unknown key was an empty page before teams). */
  ghostMayNotBe404?: boolean;
  /** What non-members get when the route takes the project as a filter, not as a path. */
  hiddenAnswer?: (ctx: Ctx) => { status: number; code: number; message: string };
  /** What a caller holding the right gets: a success, or a domain answer past the access check. */
  allowed: (res: Res, ctx: Ctx) => void | Promise<void>;
};

const FAKE_ID = 'feedfacefeedfacefeedface';
const FAKE_TASK_KEY = 'feedfacefeedfacefeedfacefeedface';

/** Asserts a 200 envelope with code 0 and returns its data. */
function success<T = Record<string, unknown>>(res: Res): T {
  expect(`${res.status} ${res.envelope?.code}`, describeRes(res)).toBe('200 0');
  return res.envelope?.data as T;
}

const domainAnswer = (res: Res, status: number, code: number, message: string | RegExp) => {
  expect(res.status, describeRes(res)).toBe(status);
  expect(res.envelope?.code).toBe(code);
  if (typeof message === 'string') expect(res.envelope?.message).toBe(message);
  else expect(res.envelope?.message).toMatch(message);
};

const get = (path: string): Req => ({ method: 'GET', path });
const post = (path: string, json: unknown = undefined): Req => ({ method: 'POST', path, json });
const del = (path: string): Req => ({ method: 'DELETE', path });

type Page = { totalRecords: number; records: Array<Record<string, unknown>> };
const names = (list: unknown) => (list as Array<{ name: string }>).map((x) => x.name);

/** Cluster answers for callers who are not administrators name no credentials. */
function assertClusterShape(cluster: Record<string, unknown>, caller: Caller, fixtureId: string) {
  expect(JSON.stringify(cluster)).not.toContain('cluster-secret-password');
  if (caller.admin && !caller.token?.project && cluster.id === fixtureId) expect(cluster.username).toBe('robot');
  else if (!caller.admin) expect(cluster.username ?? null).toBeNull();
}

const seedRows: Row[] = [
  {
    name: 'remote distribution create',
    min: 'MAINTAINER',
    project: true,
    request: ({ f, caller }) => post(distribution('create', f), configBody(`made-by-${caller.id}`, f.cluster.id)),
    allowed: async (res, { f, caller }) => {
      success(res);
      expect(names(dataOf(await f.admin.get(distribution('info', f, `/made-by-${caller.id}`))))).toEqual([`made-by-${caller.id}`]);
    },
  },
  {
    name: 'remote distribution update',
    min: 'MAINTAINER',
    project: true,
    request: ({ f, caller }) => post(distribution('update', f, '/cfg'), { description: `by ${caller.id}` }),
    allowed: async (res, { f, caller }) => {
      success(res);
      const [config] = dataOf(await f.admin.get<Array<{ description: string }>>(distribution('info', f, '/cfg')));
      expect(config?.description).toBe(`by ${caller.id}`);
    },
  },
  {
    name: 'remote distribution info (all)',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(distribution('info', f)),
    allowed: (res) => expect(names(success(res))).toEqual(expect.arrayContaining(['cfg', 'cfg-run'])),
  },
  {
    name: 'remote distribution info (one)',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(distribution('info', f, '/cfg')),
    allowed: (res) => expect(names(success(res))).toEqual(['cfg']),
  },
  {
    name: 'webhook rules list',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(distribution('webhook/config', f, '/cfg')),
    allowed: (res) => expect(Array.isArray(success(res))).toBe(true),
  },
  {
    name: 'webhook rule create',
    min: 'MAINTAINER',
    project: true,
    request: ({ f, caller }) =>
      post(distribution('webhook/config', f, '/cfg'), { url: `http://127.0.0.1:9/${caller.id}`, events: ['RUN_FAILED'] }),
    allowed: (res, { caller }) => expect(success<{ url: string }>(res).url).toBe(`http://127.0.0.1:9/${caller.id}`),
  },
  {
    name: 'drift checks of a repository',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(distribution('drift', f)),
    allowed: (res) => expect(Array.isArray(success(res))).toBe(true),
  },
  {
    name: 'drift report of a config',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(distribution('drift', f, '/cfg')),
    allowed: (res) =>
      expect(success<{ check: unknown; items: { records: unknown[] } }>(res)).toMatchObject({ check: null, items: { records: [] } }),
  },
  {
    name: 'remote distribution toggle/status',
    min: 'MAINTAINER',
    project: true,
    request: ({ f }) => post(distribution('toggle/status', f, '/cfg')),
    allowed: (res) => void success(res),
  },
  {
    name: 'remote distribution run (config now)',
    min: 'MAINTAINER',
    project: true,
    prepare: async (f) => {
      await cancelActiveRun(f, f.runConfigTaskKey);
      return {};
    },
    request: ({ f }) => post(distribution('run', f, '/cfg-run')),
    allowed: (res) => expect(success<{ executionId: string }>(res).executionId).toMatch(/^[0-9a-f]{24}$/),
  },
  {
    name: 'remote distribution delete',
    min: 'MAINTAINER',
    project: true,
    prepare: async (f) => {
      dataOf(await f.admin.post(distribution('create', f), configBody('cfg-del', f.cluster.id)));
      return {};
    },
    request: ({ f }) => del(distribution('delete', f, '/cfg-del')),
    allowed: async (res, { f }) => {
      success(res);
      expect(dataOf(await f.admin.get(distribution('info', f, '/cfg-del')))).toEqual([]);
    },
  },
  {
    name: 'run-once create',
    min: 'MAINTAINER',
    project: true,
    request: ({ f, caller }) => post(distribution('create/runOnceTask', f), taskBody(`task-by-${caller.id}`, f.cluster.id)),
    allowed: async (res, { f, caller }) => {
      expect(success(res)).toBeNull();
      expect(await runOnceStatus(f, `task-by-${caller.id}`)).toBeNull();
    },
  },
  {
    name: 'run-once execute',
    min: 'MAINTAINER',
    project: true,
    prepare: async (f) => {
      const status = await runOnceStatus(f, 'task-exec');
      if (status) await cancelActiveRun(f, status.taskKey);
      return {};
    },
    request: ({ f }) => post(distribution('execute/runOnceTask', f, '?name=task-exec')),
    allowed: async (res, { f }) => {
      success(res);
      expect((await runOnceStatus(f, 'task-exec'))?.status).toBe('RUNNING');
    },
  },
  {
    name: 'run-once status',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(distribution('get/runOnceTaskStatus', f, '?name=task')),
    allowed: (res, { f }) => expect(success(res)).toMatchObject({ id: f.execution.id, status: 'RUNNING' }),
  },
  {
    name: 'run-once list',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(distribution('runOnceTask/list', f)),
    allowed: (res) => expect(names(success(res))).toEqual(expect.arrayContaining(['task', 'task-exec'])),
  },
  {
    name: 'run-once delete',
    min: 'MAINTAINER',
    project: true,
    prepare: async (f) => {
      dataOf(await f.admin.post(distribution('create/runOnceTask', f), taskBody('task-del', f.cluster.id)));
      return {};
    },
    request: ({ f }) => del(distribution('delete/runOnceTask', f, '?name=task-del')),
    allowed: async (res, { f }) => {
      success(res);
      expect(names(dataOf(await f.admin.get(distribution('runOnceTask/list', f))))).not.toContain('task-del');
    },
  },
];

const executionRows: Row[] = [
  {
    name: 'execution list',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(`/replication/api/execution/list/${f.execution.taskKey}`),
    ghost: ({ f }) => [f.execution.taskKey, FAKE_TASK_KEY],
    ghostMayNotBe404: true,
    allowed: (res, { f }) => expect(success<Page>(res).records.map((r) => r.id)).toEqual([f.execution.id]),
  },
  {
    name: 'execution info',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(`/replication/api/execution/info/${f.execution.id}`),
    ghost: ({ f }) => [f.execution.id, FAKE_ID],
    allowed: (res, { f }) =>
      expect(success(res)).toMatchObject({ id: f.execution.id, status: 'QUEUED', projectId: f.p, repoName: f.generic }),
  },
  {
    name: 'execution details',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(`/replication/api/execution/details/${f.execution.id}`),
    ghost: ({ f }) => [f.execution.id, FAKE_ID],
    allowed: (res) => expect(success<Page>(res).totalRecords).toBe(0),
  },
  {
    name: 'execution cancel',
    min: 'MAINTAINER',
    project: true,
    prepare: async (f) => ({ id: (await queuedRunOf(f, 'task-cancel')).id }),
    request: ({ v }) => post(`/replication/api/execution/cancel/${v.id}`),
    ghost: ({ v }) => [v.id ?? '', FAKE_ID],
    allowed: async (res, { f, v }) => {
      success(res);
      expect(dataOf(await f.admin.get<{ status: string }>(`/replication/api/execution/info/${v.id}`)).status).toBe('CANCELLED');
    },
  },
  {
    // Past the access check, retry refuses a run with nothing failed: a domain answer, not a refusal.
    name: 'execution retry',
    min: 'MAINTAINER',
    project: true,
    request: ({ f }) => post(`/replication/api/execution/retry/${f.doneExecutionId}`),
    ghost: ({ f }) => [f.doneExecutionId, FAKE_ID],
    allowed: (res, { f }) => domainAnswer(res, 409, 250303, `Execution [${f.doneExecutionId}] has no failed artifacts to retry`),
  },
];

const clusterRows: Row[] = [
  {
    name: 'cluster create',
    min: 'ADMIN',
    request: ({ caller }) => post('/replication/api/cluster/create', { name: uniqueName(`c-${caller.id}-`), url: 'http://127.0.0.1:9' }),
    allowed: (res) => expect(success(res)).toMatchObject({ url: 'http://127.0.0.1:9', type: 'STANDALONE' }),
  },
  {
    name: 'cluster update',
    min: 'ADMIN',
    request: ({ f }) => post('/replication/api/cluster/update', { name: f.cluster.name, username: 'robot' }),
    allowed: (res, { f }) => expect(success(res)).toMatchObject({ id: f.cluster.id, username: 'robot' }),
  },
  {
    name: 'cluster delete',
    min: 'ADMIN',
    prepare: async (f) => ({ id: (await createClusterNode(f.admin)).id }),
    request: ({ v }) => del(`/replication/api/cluster/delete/${v.id}`),
    allowed: async (res, { f, v }) => {
      success(res);
      expect((await f.admin.get(`/replication/api/cluster/info/${v.id}`)).status).toBe(404);
    },
  },
  {
    name: 'cluster info by id',
    min: 'ANY',
    request: ({ f }) => get(`/replication/api/cluster/info/${f.cluster.id}`),
    allowed: (res, { f, caller }) => {
      const cluster = success(res);
      expect(cluster).toMatchObject({ id: f.cluster.id, name: f.cluster.name, url: 'http://127.0.0.1:9', type: 'STANDALONE' });
      assertClusterShape(cluster, caller, f.cluster.id);
    },
  },
  {
    name: 'cluster info by name',
    min: 'ANY',
    request: ({ f }) => get(`/replication/api/cluster/info?name=${f.cluster.name}`),
    allowed: (res, { f, caller }) => {
      const cluster = success(res);
      expect(cluster.id).toBe(f.cluster.id);
      assertClusterShape(cluster, caller, f.cluster.id);
    },
  },
  {
    name: 'cluster list',
    min: 'ANY',
    request: () => get('/replication/api/cluster/list'),
    allowed: (res, { f, caller }) => {
      const list = success<Array<Record<string, unknown>>>(res);
      const mine = list.find((c) => c.id === f.cluster.id);
      expect(mine).toMatchObject({ name: f.cluster.name, type: 'STANDALONE' });
      for (const cluster of list) assertClusterShape(cluster, caller, f.cluster.id);
    },
  },
  {
    name: 'cluster exist',
    min: 'ANY',
    request: ({ f }) => get(`/replication/api/cluster/exist?name=${f.cluster.name}`),
    allowed: (res) => expect(success(res)).toBe(true),
  },
  {
    // 127.0.0.1:9 has no listener: an administrator gets the connection verdict.
    name: 'cluster tryConnect',
    min: 'ADMIN',
    request: ({ f }) => post(`/replication/api/cluster/tryConnect?name=${f.cluster.name}`),
    allowed: (res) => {
      expect(res.status, describeRes(res)).toBe(502);
      expect(res.envelope?.code).toBe(250301);
    },
  },
];

const projectRows: Row[] = [
  {
    name: 'project create',
    min: 'ADMIN',
    request: ({ caller }) =>
      post('/repository/api/project/create', { name: uniqueName(`made${caller.id}`), displayName: 'x', description: '' }),
    allowed: (res) => expect(success(res)).toMatchObject({ displayName: 'x' }),
  },
  {
    name: 'project list',
    min: 'ANY',
    request: () => get('/repository/api/project/list'),
    allowed: (res) => expect(Array.isArray(success(res))).toBe(true),
  },
  {
    name: 'overview',
    min: 'ANY',
    request: () => get('/replication/api/overview'),
    allowed: (res) => expect(success(res)).toMatchObject({ counts: { total: expect.any(Number) } }),
  },
  {
    name: 'repo create',
    min: 'PROJECT_ADMIN',
    project: true,
    request: ({ f, caller }) =>
      post('/repository/api/repo/create', {
        projectId: f.p,
        name: `repo-${caller.id}`,
        type: 'GENERIC',
        category: 'LOCAL',
        public: false,
        description: '',
      }),
    allowed: (res, { f, caller }) => expect(success(res)).toMatchObject({ projectId: f.p, name: `repo-${caller.id}` }),
  },
  {
    name: 'repo list',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(`/repository/api/repo/list/${f.p}`),
    allowed: (res, { f }) => expect(names(success(res))).toEqual(expect.arrayContaining([f.generic, f.docker, f.pub])),
  },
  {
    name: 'repo delete',
    min: 'PROJECT_ADMIN',
    project: true,
    prepare: async (f) => {
      const name = uniqueName('doomed');
      dataOf(
        await f.admin.post('/repository/api/repo/create', { projectId: f.p, name, type: 'GENERIC', category: 'LOCAL', public: false }),
      );
      return { name };
    },
    request: ({ f, v }) => del(`/repository/api/repo/delete/${f.p}/${v.name}`),
    allowed: async (res, { f, v }) => {
      success(res);
      expect(names(dataOf(await f.admin.get(`/repository/api/repo/list/${f.p}`)))).not.toContain(v.name);
    },
  },
  {
    name: 'member set',
    min: 'PROJECT_ADMIN',
    project: true,
    kind: 'members',
    request: ({ f }) => post(`/repository/api/project/member/${f.p}`, { userId: 'extra', role: 'VIEWER' }),
    allowed: (res) => expect(success(res)).toMatchObject({ userId: 'extra', role: 'VIEWER' }),
  },
  {
    name: 'member list',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(`/repository/api/project/member/${f.p}`),
    allowed: (res) =>
      expect(success(res)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: 'maintainer', role: 'MAINTAINER' }),
          expect.objectContaining({ userId: 'padmin', role: 'PROJECT_ADMIN' }),
          expect.objectContaining({ userId: 'viewer', role: 'VIEWER' }),
        ]),
      ),
  },
  {
    name: 'member remove',
    min: 'PROJECT_ADMIN',
    project: true,
    kind: 'members',
    prepare: async (f) => {
      await setMember(f.admin, f.p, 'extra2', 'VIEWER');
      return {};
    },
    request: ({ f }) => del(`/repository/api/project/member/${f.p}/extra2`),
    allowed: async (res, { f }) => {
      expect(success(res)).toBeNull();
      const members = dataOf(await f.admin.get<Array<{ userId: string }>>(`/repository/api/project/member/${f.p}`));
      expect(members.map((m) => m.userId)).not.toContain('extra2');
    },
  },
];

const userRows: Row[] = [
  {
    name: 'user create',
    min: 'ADMIN',
    request: ({ caller }) =>
      post('/repository/api/user/create', { userId: uniqueName(`u${caller.id}`), name: 'N', password: 'password-123' }),
    allowed: (res) => expect(success(res)).toMatchObject({ name: 'N', admin: false }),
  },
  {
    name: 'user list',
    min: 'ADMIN',
    request: () => get('/repository/api/user/list'),
    allowed: (res) =>
      expect(success(res)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: 'viewer', admin: false, locked: false }),
          expect.objectContaining({ userId: 'admin2', admin: true }),
        ]),
      ),
  },
  {
    name: 'user update',
    min: 'ADMIN',
    request: ({ caller }) => post('/repository/api/user/update/extra', { name: `Extra by ${caller.id}` }),
    allowed: (res, { caller }) => expect(success(res)).toMatchObject({ userId: 'extra', name: `Extra by ${caller.id}` }),
  },
  {
    name: 'user delete',
    min: 'ADMIN',
    prepare: async (f) => ({ id: (await createNamedUser(f.admin, uniqueName('gone'))).userId }),
    request: ({ v }) => del(`/repository/api/user/delete/${v.id}`),
    allowed: async (res, { f, v }) => {
      expect(success(res)).toBeNull();
      const users = dataOf(await f.admin.get<Array<{ userId: string }>>('/repository/api/user/list'));
      expect(users.map((u) => u.userId)).not.toContain(v.id);
    },
  },
  {
    // A wrong old password is the domain's answer; the caller's password stays as it is.
    name: 'own password change',
    min: 'ANY',
    kind: 'password',
    request: () => post('/repository/api/user/password', { oldPassword: 'not-my-password', newPassword: 'brand-new-password' }),
    allowed: (res) => domainAnswer(res, 400, 250105, /oldPassword/),
  },
  {
    name: 'user info',
    min: 'ANY',
    request: () => get('/repository/api/user/info'),
    allowed: (res, { caller }) => expect(success(res)).toMatchObject({ username: caller.user, admin: caller.admin }),
  },
  {
    name: 'token create',
    min: 'ANY',
    mints: { scoped: false, access: 'WRITE' },
    request: ({ caller }) => post('/repository/api/token/create', { name: uniqueName(`t${caller.id}`) }),
    allowed: (res) => expect(success(res)).toMatchObject({ token: expect.stringMatching(/^ferry_/), projectId: null, access: 'WRITE' }),
  },
  {
    name: 'token create scoped to the project',
    min: 'VIEWER',
    project: true,
    mints: { scoped: true, access: 'READ' },
    request: ({ f, caller }) => post('/repository/api/token/create', { name: uniqueName(`s${caller.id}`), projectId: f.p, access: 'READ' }),
    allowed: (res, { f }) => expect(success(res)).toMatchObject({ projectId: f.p, access: 'READ' }),
  },
  {
    name: 'token list',
    min: 'ANY',
    request: () => get('/repository/api/token/list'),
    allowed: (res) => expect(Array.isArray(success(res))).toBe(true),
  },
];

const systemRows: Row[] = [
  {
    name: 'artifact events',
    min: 'ADMIN',
    request: () => get('/repository/api/admin/events?afterId=0&limit=1000'),
    allowed: (res) => expect(success<Array<{ type: string }>>(res).map((e) => e.type)).toContain('NODE_CREATED'),
  },
  {
    name: 'garbage collection',
    min: 'ADMIN',
    request: () => post('/repository/api/admin/gc'),
    allowed: (res) => expect(success(res)).toMatchObject({ deletedBlobs: 0, scannedBlobs: expect.any(Number) }),
  },
  {
    name: 'audit of all projects',
    min: 'ADMIN',
    request: () => get('/repository/api/admin/audit?userId=admin&action=member.set&outcome=OK&limit=500'),
    allowed: (res, { f }) => {
      const { records } = success<{ records: Array<{ projectId: string | null }> }>(res);
      expect(new Set(records.map((r) => r.projectId))).toEqual(new Set([f.p, f.q]));
    },
  },
  {
    name: 'audit of the project',
    min: 'PROJECT_ADMIN',
    project: true,
    hiddenAnswer: ({ f }) => ({ status: 404, code: 250108, message: `Project [${f.p}] not found` }),
    request: ({ f }) => get(`/repository/api/admin/audit?projectId=${f.p}&limit=500`),
    allowed: (res, { f }) => {
      const { records } = success<{ records: Array<{ projectId: string | null }> }>(res);
      expect(records.length).toBeGreaterThan(0);
      expect(new Set(records.map((r) => r.projectId))).toEqual(new Set([f.p]));
    },
  },
  {
    name: 'system info',
    min: 'ANY',
    request: () => get('/repository/api/system/info'),
    allowed: (res) => expect(success(res)).toMatchObject({ timeZone: 'Asia/Shanghai' }),
  },
  {
    name: 'replication version',
    min: 'ANY',
    request: () => get('/replication/api/version'),
    allowed: (res) => void success(res),
  },
  {
    name: 'auth session',
    min: 'ANY',
    request: () => get('/repository/api/auth/session'),
    allowed: (res, { caller }) => expect(success(res)).toMatchObject({ username: caller.user, csrfToken: null }),
  },
];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const generic = (f: Fixtures, path: string) => `/generic/${f.p}/${f.generic}${path}`;

const genericRows: Row[] = [
  {
    name: 'generic download',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(generic(f, f.file.path)),
    allowed: (res, { f }) => {
      expect(res.status, describeRes(res)).toBe(200);
      expect(res.bytes.equals(f.file.content)).toBe(true);
    },
  },
  {
    name: 'generic folder listing',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(generic(f, '/dir/')),
    allowed: (res) => expect(names(success<Page>(res).records)).toEqual(['file.txt']),
  },
  {
    name: 'generic upload',
    min: 'MAINTAINER',
    project: true,
    request: ({ f, caller }) => {
      const body = Buffer.from(`uploaded by ${caller.id}`);
      return { method: 'PUT', path: generic(f, `/up/${caller.id}.txt`), body, headers: { 'X-BKREPO-SHA256': sha256(body) } };
    },
    allowed: (res, { caller }) => expect(success(res)).toMatchObject({ fullPath: `/up/${caller.id}.txt`, folder: false }),
  },
  {
    name: 'generic delete',
    min: 'MAINTAINER',
    project: true,
    prepare: async (f) => {
      const path = `/del/${randomBytes(4).toString('hex')}.txt`;
      const upload = await uploadFile(f.url, { projectId: f.p, repoName: f.generic, path }, randomBytes(64));
      expect(upload.status).toBe(200);
      return { path };
    },
    request: ({ f, v }) => del(generic(f, v.path ?? '')),
    allowed: (res) => expect(success(res)).toEqual({ deletedFiles: 1 }),
  },
  {
    name: 'node page',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(`/repository/api/node/page/${f.p}/${f.generic}/dir`),
    allowed: (res) => expect(names(success<Page>(res).records)).toEqual(['file.txt']),
  },
  {
    name: 'node detail',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(`/repository/api/node/detail/${f.p}/${f.generic}${f.file.path}`),
    allowed: (res, { f }) => expect(success(res)).toMatchObject({ fullPath: f.file.path, sha256: sha256(f.file.content) }),
  },
];

const packageQuery = (f: Fixtures, kind: string, extra = '') =>
  `/repository/api/${kind}/${f.p}/${f.docker}?packageKey=docker://${f.image.name}${extra}`;

const packageRows: Row[] = [
  {
    name: 'package page',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(`/repository/api/package/page/${f.p}/${f.docker}`),
    allowed: (res, { f }) =>
      expect(success<Page>(res).records).toEqual(expect.arrayContaining([expect.objectContaining({ key: `docker://${f.image.name}` })])),
  },
  {
    name: 'package info',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(packageQuery(f, 'package/info')),
    allowed: (res, { f }) => expect(success(res)).toMatchObject({ key: `docker://${f.image.name}` }),
  },
  {
    name: 'version page',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(packageQuery(f, 'version/page')),
    allowed: (res, { f }) =>
      expect(success<Page>(res).records).toEqual(expect.arrayContaining([expect.objectContaining({ name: f.image.tag })])),
  },
  {
    name: 'version detail',
    min: 'VIEWER',
    project: true,
    request: ({ f }) => get(packageQuery(f, 'version/detail', `&version=${f.image.tag}`)),
    allowed: (res, { f }) => expect(success(res)).toMatchObject({ name: f.image.tag, digest: f.image.digest }),
  },
  {
    name: 'version delete',
    min: 'MAINTAINER',
    project: true,
    prepare: async (f) => {
      const tag = `del-${randomBytes(4).toString('hex')}`;
      const put = await ociClient(f.url).putManifest(`${f.p}/${f.docker}/${f.image.name}`, tag, f.image.manifest);
      expect(put.status).toBe(201);
      return { tag };
    },
    request: ({ f, v }) => del(packageQuery(f, 'version/delete', `&version=${v.tag}`)),
    allowed: (res) => void success(res),
  },
  {
    name: 'package delete',
    min: 'MAINTAINER',
    project: true,
    prepare: async (f) => {
      const image = `gone${randomBytes(4).toString('hex')}`;
      await ociClient(f.url).pushImage(`${f.p}/${f.docker}/${image}`, '1');
      return { image };
    },
    request: ({ f, v }) => del(`/repository/api/package/delete/${f.p}/${f.docker}?packageKey=docker://${v.image}`),
    allowed: (res) => void success(res),
  },
];

const v2 = (f: Fixtures, rest: string) => `/v2/${f.p}/${f.docker}/${f.image.name}/${rest}`;

const ociRows: Row[] = [
  {
    name: '/v2/ base',
    min: 'ANY',
    surface: 'oci',
    request: () => get('/v2/'),
    allowed: (res) => expect(res.status).toBe(200),
  },
  {
    name: '/v2 manifest pull',
    min: 'VIEWER',
    surface: 'oci',
    project: true,
    request: ({ f }) => ({ ...get(v2(f, `manifests/${f.image.tag}`)), headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } }),
    allowed: (res, { f }) => {
      expect(res.status, describeRes(res)).toBe(200);
      expect(res.headers.get('docker-content-digest')).toBe(f.image.digest);
    },
  },
  {
    name: '/v2 tags list',
    min: 'VIEWER',
    surface: 'oci',
    project: true,
    request: ({ f }) => get(v2(f, 'tags/list')),
    allowed: (res, { f }) => {
      expect(res.status, describeRes(res)).toBe(200);
      expect((JSON.parse(res.bytes.toString('utf8')) as { tags: string[] }).tags).toContain(f.image.tag);
    },
  },
  {
    name: '/v2 blob pull',
    min: 'VIEWER',
    surface: 'oci',
    project: true,
    request: ({ f }) => get(v2(f, `blobs/${f.image.layerDigest}`)),
    allowed: (res, { f }) => {
      expect(res.status, describeRes(res)).toBe(200);
      expect(`sha256:${sha256(res.bytes)}`).toBe(f.image.layerDigest);
    },
  },
  {
    name: '/v2 blob upload',
    min: 'MAINTAINER',
    surface: 'oci',
    project: true,
    request: ({ f }) => post(v2(f, 'blobs/uploads/')),
    allowed: (res) => {
      expect(res.status, describeRes(res)).toBe(202);
      expect(res.headers.get('location')).toMatch(/\/blobs\/uploads\//);
    },
  },
  {
    name: '/v2 manifest push',
    min: 'MAINTAINER',
    surface: 'oci',
    project: true,
    request: ({ f, caller }) => ({
      method: 'PUT',
      path: v2(f, `manifests/by-${caller.id}`),
      body: f.image.manifest,
      headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
    }),
    allowed: (res, { f }) => {
      expect(res.status, describeRes(res)).toBe(201);
      expect(res.headers.get('docker-content-digest')).toBe(f.image.digest);
    },
  },
  {
    name: '/v2 manifest delete (tag)',
    min: 'MAINTAINER',
    surface: 'oci',
    project: true,
    prepare: async (f) => {
      const tag = `rm-${randomBytes(4).toString('hex')}`;
      const put = await ociClient(f.url).putManifest(`${f.p}/${f.docker}/${f.image.name}`, tag, f.image.manifest);
      expect(put.status).toBe(201);
      return { tag };
    },
    request: ({ f, v }) => del(v2(f, `manifests/${v.tag}`)),
    allowed: (res) => expect(res.status, describeRes(res)).toBe(202),
  },
];

export const rows: Row[] = [
  ...seedRows,
  ...executionRows,
  ...clusterRows,
  ...projectRows,
  ...userRows,
  ...systemRows,
  ...genericRows,
  ...packageRows,
  ...ociRows,
];
