import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { downloadFile, pushImageToFerry, uploadFile } from '../support/artifacts';
import { backend } from '../support/backends';
import { skopeo } from '../support/ensure-skopeo';
import { createConfig, createProjectWithRepo, runsOf } from '../support/factories';
import { ADMIN_PASSWORD, type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth, type FerryProcess, spawnFerry, uniqueName } from '../support/harness';
import { jsonLogLines } from '../support/log-lines';
import { buildImage } from '../support/oci-images';
import { buildLayoutImage, readLayout } from '../support/oci-layout';
import { integrationBucket, radosgwEnv, resetBucket } from '../support/radosgw';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';
import { type RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy';
import { serverBlobs } from '../support/server-blobs';
import { startWorker, type WorkerProcess } from '../support/worker-process';

// Two web instances (`next start`) and `npm run worker` processes on one PostgreSQL and one S3
// bucket (the test radosgw), as deploy/compose.yaml runs them. PGlite is one process by design
// (no lock on its folder), so this suite runs on PostgreSQL only.
const SHARED_SECRET_KEY = 'cd'.repeat(32);
// A bucket of this suite's own: made (or emptied) here, so the suite never touches what other files store.
const MULTI_BUCKET = `${integrationBucket}-multi`;
const dist = '/replication/api/remote/distribution';
const NOT_BEFORE_2099 = { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } };
const admin = basicAuth('admin', ADMIN_PASSWORD);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.runIf(backend === 'postgres')('several instances on one PostgreSQL and one blob store', { timeout: 240_000 }, () => {
  let one: FerryServer;
  let two: FerryProcess;
  let api1: ApiClient;
  let registry: RegistryServer;
  const workers: WorkerProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  let work: string;

  beforeAll(async () => {
    resetBucket(MULTI_BUCKET);
    const store = { ...radosgwEnv(), FERRY_BLOB_STORE: 's3', FERRY_S3_BUCKET: MULTI_BUCKET, FERRY_S3_PREFIX: `multi/${uniqueName('')}/` };
    // The web instances run no runner: every run below is the workers'. Instance 2 gets instance 1's
    // whole environment: database, bucket and prefix, secret key.
    one = await startFerry({
      env: {
        ...store,
        FERRY_SECRET_KEY: SHARED_SECRET_KEY,
        FERRY_RUNNER: 'off',
        FERRY_RUNNER_POLL_MS: '200',
        FERRY_SHUTDOWN_SECONDS: '20',
      },
    });
    two = await spawnFerry({ env: one.env });
    api1 = apiClient(one.url);
    registry = await startRegistry();
    work = await mkdtemp(path.join(tmpdir(), 'ferry-multi-'));
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await worker.signal('SIGKILL');
    await Promise.all([one?.stop(), two?.stop(), registry?.stop(), proxy?.stop()]);
    if (work) await rm(work, { recursive: true, force: true });
  });

  const startRunnerWorker = async (env: Record<string, string>) => {
    const worker = await startWorker({ ...one.env, FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200', ...env });
    workers.push(worker);
    return worker;
  };

  it('serves a file uploaded through instance 1 from instance 2, byte for byte', async () => {
    const repo = await createProjectWithRepo(api1, 'GENERIC');
    const content = randomBytes(3 * 1024 * 1024 + 17);
    const target = { ...repo, path: '/shared/blob.bin' };
    expect((await uploadFile(one.url, target, content)).status).toBe(200);
    const downloaded = await downloadFile(two.url, target);
    expect(downloaded.status).toBe(200);
    expect(downloaded.body.length).toBe(content.length);
    expect(sha256(downloaded.body)).toBe(sha256(content));
    // Stored once, in the shared bucket.
    expect(await serverBlobs(one).stored()).toContain(sha256(content));
  });

  it('continues one OCI upload session across instances chunk by chunk, and GC from the other instance keeps it', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api1, 'DOCKER');
    const blob = randomBytes(2 * 1024 * 1024 + 5);
    const half = 1024 * 1024;
    const name = `${projectId}/${repoName}/chunked`;
    const started = await fetch(`${one.url}/v2/${name}/blobs/uploads/`, { method: 'POST', headers: { Authorization: admin } });
    expect(started.status).toBe(202);
    const location = started.headers.get('location') ?? '';
    expect(location).toMatch(/\/blobs\/uploads\/[0-9a-f-]{36}$/);

    const patch = (server: string, from: number, to: number) =>
      fetch(new URL(location, server), {
        method: 'PATCH',
        headers: { Authorization: admin, 'Content-Type': 'application/octet-stream', 'Content-Range': `${from}-${to - 1}` },
        body: new Uint8Array(blob.subarray(from, to)),
      });
    const first = await patch(two.url, 0, half);
    expect([first.status, first.headers.get('range')]).toEqual([202, `0-${half - 1}`]);

    // Garbage collection from instance 2 while the upload is open: nothing of it may go.
    const gc = await fetch(`${two.url}/repository/api/admin/gc`, { method: 'POST', headers: { Authorization: admin } });
    const collected = (await gc.json()) as { data: { staleUploadsRemoved: number; deletedBlobs: number } };
    expect(gc.status).toBe(200);
    expect(collected.data).toMatchObject({ staleUploadsRemoved: 0, deletedBlobs: 0 });

    const second = await patch(one.url, half, blob.length);
    expect([second.status, second.headers.get('range')]).toEqual([202, `0-${blob.length - 1}`]);
    const digest = `sha256:${sha256(blob)}`;
    const committed = await fetch(new URL(`${location}?digest=${digest}`, two.url), { method: 'PUT', headers: { Authorization: admin } });
    expect(committed.status).toBe(201);
    const back = await fetch(`${one.url}/v2/${name}/blobs/${digest}`, { headers: { Authorization: admin } });
    expect(back.status).toBe(200);
    expect(sha256(Buffer.from(await back.arrayBuffer()))).toBe(sha256(blob));
  });

  it('lets skopeo push through a round robin of both instances, each upload spread over both, and pull identical digests back', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api1, 'DOCKER');
    proxy = await startRoundRobinProxy([one.url, two.url]);
    const source = path.join(work, 'source');
    // One layer: skopeo then uploads layer and config one after the other, so a session's PATCH
    // and PUT are consecutive requests, which the round robin sends to different instances.
    const image = await buildLayoutImage(source, 'v1', [4 * 1024 * 1024]);
    const reference = `docker://${proxy.host}/${projectId}/${repoName}/spread:v1`;
    const creds = `admin:${ADMIN_PASSWORD}`;
    await skopeo(['copy', '--preserve-digests', '--dest-tls-verify=false', '--dest-creds', creds, `oci:${source}:v1`, reference]);

    const sessions = new Map<string, Set<number>>();
    for (const entry of proxy.log) {
      const id = /\/blobs\/uploads\/([0-9a-f-]{36})$/.exec(entry.path)?.[1];
      if (id) sessions.set(id, (sessions.get(id) ?? new Set()).add(entry.upstream));
    }
    expect(sessions.size).toBeGreaterThanOrEqual(2);
    for (const upstreams of sessions.values()) expect([...upstreams].sort()).toEqual([0, 1]);
    expect(proxy.log.filter((entry) => entry.status >= 500)).toEqual([]);

    const back = path.join(work, 'back');
    await skopeo(['copy', '--preserve-digests', '--src-tls-verify=false', '--src-creds', creds, reference, `oci:${back}:v1`]);
    const pulled = await readLayout(back, 'v1');
    expect(pulled.manifest.digest).toBe(image.digest);
    expect(pulled.blobs.sort()).toEqual([image.digest, image.config.digest, ...image.layers.map((l) => l.digest)].sort());
  });

  it('shares sessions, CSRF tokens, sign-outs and password changes between instances', async () => {
    const login = await fetch(`${one.url}/repository/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = ((await login.json()) as { data: { csrfToken: string } }).data;
    const session = (server: string) => fetch(`${server}/repository/api/auth/session`, { headers: { Cookie: cookie } });
    expect((await session(two.url)).status).toBe(200);

    const createProject = (csrf?: string) =>
      fetch(`${two.url}/repository/api/project/create`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
        body: JSON.stringify({ name: `csrf${Date.now()}` }),
      });
    expect((await createProject()).status).toBe(403);
    expect((await createProject('wrong-token')).status).toBe(403);
    expect(((await (await createProject(csrfToken)).json()) as { code: number }).code).toBe(0);

    const logout = await fetch(`${two.url}/repository/api/auth/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken },
    });
    expect(logout.status).toBe(200);
    expect((await session(one.url)).status).toBe(401);

    // Instance 2 has verified (and cached) the old password; a change on instance 1 ends it there at once.
    dataOf(await api1.post('/repository/api/user/create', { userId: 'mover', name: 'Mover', password: 'first-password-1' }));
    const info = (server: string, password: string) =>
      fetch(`${server}/repository/api/user/info`, { headers: { Authorization: basicAuth('mover', password) } });
    expect((await info(two.url, 'first-password-1')).status).toBe(200);
    const mover = apiClient(one.url, { username: 'mover', password: 'first-password-1' });
    dataOf(await mover.post('/repository/api/user/password', { oldPassword: 'first-password-1', newPassword: 'second-password-2' }));
    expect((await info(two.url, 'first-password-1')).status).toBe(401);
    expect((await info(two.url, 'second-password-2')).status).toBe(200);
  });

  it('counts failed passwords of both instances together (the sign-in throttle lives in PostgreSQL)', async () => {
    dataOf(await api1.post('/repository/api/user/create', { userId: 'guessed', name: 'Guessed', password: 'right-password-1' }));
    const info = (server: string, password: string) =>
      fetch(`${server}/repository/api/user/info`, { headers: { Authorization: basicAuth('guessed', password) } });
    // Five free failures in all, spread over the two instances.
    for (const [i, server] of [one.url, two.url, one.url, two.url, one.url].entries()) {
      expect((await info(server, `wrong-${i}`)).status, `failure ${i + 1}`).toBe(401);
    }
    for (const server of [one.url, two.url]) {
      const refused = await info(server, 'right-password-1');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  /** Pushes `image` into a new DOCKER repository through instance 1 and starts a rate-limited copy to the registry from there. */
  async function queueSlowCopy(name: string, image: ReturnType<typeof buildImage>, rateLimit: number) {
    const repo = await createProjectWithRepo(api1, 'DOCKER');
    await pushImageToFerry(one.url, { ...repo, image: name, tag: 'v1' }, image);
    const config = await createConfig(api1, repo, {
      name,
      registry: `http://${registry.host}/${name}`,
      replicaType: 'SCHEDULED',
      setting: { rateLimit, ...NOT_BEFORE_2099 },
    });
    dataOf(await api1.post(`${dist}/run/${repo.projectId}/${repo.repoName}/${name}`));
    type Run = { id: string; status: string; progress: { doneBytes: number } };
    return async () => {
      const [run] = await runsOf<Run>(api1, config.taskKey);
      if (!run) throw new Error(`no run of ${name}`);
      return run;
    };
  }

  const claimedBy = (worker: WorkerProcess, executionId: string) =>
    jsonLogLines(worker.output()).some(
      (line) => line.msg === 'run claimed' && line.executionId === executionId && line.owner === worker.owner,
    );

  async function expectCopied(name: string, image: ReturnType<typeof buildImage>) {
    expect(await registryTagDigest(registry, `${name}/${name}`, 'v1')).toBe(image.manifest.digest);
    for (const blob of image.blobs) {
      const head = await fetch(`${registry.url}/v2/${name}/${name}/blobs/${blob.digest}`, { method: 'HEAD' });
      expect([head.status, Number(head.headers.get('content-length'))]).toEqual([200, blob.size]);
    }
  }

  let survivor: WorkerProcess;

  it('runs a run queued on instance 1 on the worker; after a SIGKILL mid-transfer another worker takes it over', async () => {
    // A short lease: the killed worker's claim runs out within seconds.
    const doomed = await startRunnerWorker({ FERRY_RUNNER_LEASE_SECONDS: '3' });
    const image = buildImage([60 * 1024 * 1024]);
    const latest = await queueSlowCopy('killed', image, 10 * 1024 * 1024);
    await expect
      .poll(async () => (await latest()).progress.doneBytes, { timeout: 30_000, interval: 100 })
      .toBeGreaterThan(10 * 1024 * 1024);
    const { id } = await latest();
    expect(claimedBy(doomed, id)).toBe(true);
    await doomed.signal('SIGKILL');

    survivor = await startRunnerWorker({ FERRY_RUNNER_LEASE_SECONDS: '120', FERRY_SHUTDOWN_SECONDS: '1' });
    await expect.poll(async () => (await latest()).status, { timeout: 60_000, interval: 500 }).toBe('SUCCESS');
    expect(claimedBy(survivor, id)).toBe(true);
    await expectCopied('killed', image);
  });

  it('hands a run back on SIGTERM (exit 0) and another worker finishes it long before the lease would have run out', async () => {
    const image = buildImage([60 * 1024 * 1024]);
    const latest = await queueSlowCopy('handed', image, 6 * 1024 * 1024);
    await expect.poll(async () => (await latest()).progress.doneBytes, { timeout: 30_000, interval: 100 }).toBeGreaterThan(3 * 1024 * 1024);
    const { id } = await latest();
    expect(claimedBy(survivor, id)).toBe(true);
    // Started now, so only the survivor could claim the run; its lease (120 s) would keep this one out.
    const successor = await startRunnerWorker({ FERRY_RUNNER_LEASE_SECONDS: '120' });
    const signalledAt = Date.now();
    expect(await survivor.signal('SIGTERM')).toBe(0);
    expect(survivor.output()).toContain('runner handed runs back');
    await expect.poll(async () => (await latest()).status, { timeout: 60_000, interval: 500 }).toBe('SUCCESS');
    expect(Date.now() - signalledAt).toBeLessThan(60_000);
    expect(claimedBy(successor, id)).toBe(true);
    await expectCopied('handed', image);
  });

  it('drains an upload in flight on SIGTERM to a web instance, refuses new connections, and exits 0', async () => {
    const repo = await createProjectWithRepo(api1, 'GENERIC');
    const content = randomBytes(10 * 64 * 1024);
    const target = { ...repo, path: '/drained.bin' };
    const url = new URL(`/generic/${repo.projectId}/${repo.repoName}${target.path}`, two.url);
    let status = 0;
    const answered = new Promise<void>((resolve, reject) => {
      const request = http.request(
        url,
        { method: 'PUT', headers: { Authorization: admin, 'Content-Length': String(content.length), 'X-BKREPO-OVERWRITE': 'true' } },
        (response) => {
          status = response.statusCode ?? 0;
          response.resume();
          response.on('end', resolve);
        },
      );
      request.on('error', reject);
      void (async () => {
        for (let i = 0; i < 10; i++) {
          request.write(content.subarray(i * 64 * 1024, (i + 1) * 64 * 1024));
          if (i === 2) two.child.kill('SIGTERM');
          await new Promise((r) => setTimeout(r, 200));
          if (i === 4) await expect(fetch(`${two.url}/api/health`)).rejects.toThrow();
        }
        request.end();
      })().catch(reject);
    });
    const exited = new Promise<number | null>((resolve) => two.child.once('exit', (code) => resolve(code)));
    await answered;
    expect(status).toBe(200);
    expect(await exited).toBe(0);
    expect(jsonLogLines(two.output()).map((line) => line.msg)).toContain('stopped');
    const downloaded = await downloadFile(one.url, target);
    expect(sha256(downloaded.body)).toBe(sha256(content));
  });
});
