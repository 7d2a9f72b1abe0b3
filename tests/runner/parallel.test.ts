import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { downloadFile, uploadFile } from '../support/artifacts';
import { createClusterNode, createConfig, createProjectWithRepo, runsOf } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { serverBlobs } from '../support/server-blobs';

// Many artifacts in one run: a worker pool of FERRY_RUNNER_CONCURRENCY transfers, one rate limit
// over all of them, and FAST_FAIL stopping the transfers in flight, against a real peer Ferry.

const PEER_PASSWORD = 'peer-admin-password';
// The runner's Ferry (4 transfers per run) and the peer it copies to.
let ferry: FerryServer;
let peer: FerryServer;
let api: ApiClient;
beforeAll(async () => {
  const runnerEnv = { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200', FERRY_RUNNER_CONCURRENCY: '4' };
  const servers = await Promise.all([startFerry({ env: runnerEnv }), startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } })]);
  [ferry, peer] = servers;
  api = apiClient(ferry.url);
});
afterAll(() => Promise.all([ferry, peer].map((server) => server?.stop())));

type Run = { id: string; status: string; errorReason: string | null; progress: Record<string, number> };
type Detail = {
  artifactName: string;
  status: string;
  size: number;
  bytesDone: number;
  errorReason: string | null;
  startTime: string | null;
  endTime: string | null;
};
const DIST = '/replication/api/remote/distribution';

/** Times are server-zone wall clock with milliseconds; read as UTC they still subtract right. */
const ms = (time: string | null) => Date.parse(`${time}Z`);

const detailsOf = async (executionId: string, status?: string) =>
  dataOf(
    await api.get<{ records: Detail[] }>(
      `/replication/api/execution/details/${executionId}?pageSize=100${status ? `&status=${status}` : ''}`,
    ),
  ).records;

/**
 * Uploads `files` (path → bytes) to a fresh GENERIC repository and runs a config copying `/files`
 * to the peer with `setting`; `beforeRun` runs once the files are stored.
 */
async function startCopy(name: string, files: Map<string, Buffer>, setting: Record<string, unknown>, beforeRun?: () => Promise<void>) {
  const repo = await createProjectWithRepo(api, 'GENERIC');
  for (const [file, content] of files) expect((await uploadFile(ferry.url, { ...repo, path: file }, content)).status).toBe(200);
  await beforeRun?.();
  const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
  const config = await createConfig(api, repo, {
    name,
    clusterId: cluster.id,
    remoteProjectId: repo.projectId,
    remoteRepoName: 'mirror',
    replicaType: 'SCHEDULED',
    pathConstraints: ['/files'],
    setting: { ...setting, executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } },
  });
  dataOf(await api.post(`${DIST}/run/${repo.projectId}/${repo.repoName}/${name}`));
  const status = async (): Promise<Run> =>
    (await runsOf<Run>(api, config.taskKey))[0] ?? { id: '', status: 'QUEUED', errorReason: null, progress: {} };
  return { repo, status };
}

const filesOf = (count: number, size: number) => new Map(Array.from({ length: count }, (_, i) => [`/files/${i}.bin`, randomBytes(size)]));

describe('parallel artifacts', { timeout: 120_000 }, () => {
  it('copies 12 files 4 at a time, never more than 4 RUNNING, with the run rate limit held within 5 % over all of them', async () => {
    const files = filesOf(12, 512 * 1024);
    const rate = 1024 * 1024;
    const copy = await startCopy('twelve_files', files, { rateLimit: rate });
    let most = 0;
    let run = await copy.status();
    while (/^(QUEUED|RUNNING)$/.test(run.status)) {
      if (run.id) most = Math.max(most, (await detailsOf(run.id, 'RUNNING')).length);
      run = await copy.status();
    }
    expect(run.status).toBe('SUCCESS');
    expect(most).toBe(4);
    expect(run.progress).toMatchObject({ totalItems: 12, doneItems: 12, doneBytes: 12 * 512 * 1024 });
    const details = await detailsOf(run.id);
    expect(details.map((d) => `${d.status} ${d.bytesDone}`)).toEqual(Array(12).fill(`SUCCESS ${512 * 1024}`));
    // The rate over the transfers: from the first artifact's start to the last one's end.
    const seconds = (Math.max(...details.map((d) => ms(d.endTime))) - Math.min(...details.map((d) => ms(d.startTime)))) / 1000;
    const throughput = (12 * 512 * 1024) / seconds;
    expect(throughput).toBeLessThanOrEqual(rate * 1.05);
    // The limit is a ceiling; the floor only shows the limiter does not starve the transfers (a
    // loaded 2-core machine measured 0.84 of the rate, so the floor leaves room for load).
    expect(throughput).toBeGreaterThanOrEqual(rate * 0.7);
    const [file, content] = [...files][5] ?? [];
    const copied = await downloadFile(peer.url, { projectId: copy.repo.projectId, repoName: 'mirror', path: file ?? '' }, PEER_PASSWORD);
    expect(copied.body.equals(content ?? Buffer.alloc(0))).toBe(true);
  });

  it('FAST_FAIL: one artifact failing aborts the slow ones in flight within a second; they end CANCELLED naming it', async () => {
    // Three 4 MiB files that take ~30 s at this rate, and one 1 MiB file whose stored bytes rot
    // on disk: the peer checks X-BKREPO-SHA256 when the body ends and refuses it (~2–8 s in).
    const files = filesOf(3, 4 * 1024 * 1024);
    const rotten = randomBytes(1024 * 1024);
    files.set('/files/rotten.bin', rotten);
    const sha = createHash('sha256').update(rotten).digest('hex');
    const copy = await startCopy('stop_at_rot', files, { rateLimit: 512 * 1024, errorStrategy: 'FAST_FAIL' }, () =>
      serverBlobs(ferry).overwrite(sha, randomBytes(rotten.length)),
    );
    await expect.poll(async () => (await copy.status()).status, { timeout: 30_000, interval: 100 }).toBe('FAILED');
    const run = await copy.status();
    expect(run.errorReason).toMatch(/^1 artifact\(s\) failed; first: \/files\/rotten\.bin: 400 from cluster .* while uploading/);
    const [failed, ...others] = (await detailsOf(run.id)).sort((a, b) => (a.status === 'FAILED' ? -1 : b.status === 'FAILED' ? 1 : 0));
    expect(failed).toMatchObject({ artifactName: '/files/rotten.bin', status: 'FAILED' });
    expect(others).toHaveLength(3);
    // They were in flight ("cancelled:", not "not run:"), stopped part-way, within a second of the failure.
    expect(others.reduce((sum, other) => sum + other.bytesDone, 0)).toBeGreaterThan(0);
    for (const other of others) {
      expect(other).toMatchObject({
        status: 'CANCELLED',
        errorReason: 'cancelled: /files/rotten.bin failed first (error strategy FAST_FAIL)',
      });
      expect(other.bytesDone).toBeLessThan(4 * 1024 * 1024);
      expect(ms(other.endTime) - ms(failed?.endTime ?? null)).toBeLessThan(1000);
    }
    const info = dataOf(await api.get<{ endTime: string }>(`/replication/api/execution/info/${run.id}`));
    expect(ms(info.endTime) - ms(failed?.endTime ?? null)).toBeLessThan(1000);
  });
});
