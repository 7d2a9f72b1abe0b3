// Readiness while the S3 server is down: stops the shared test radosgw gateway, so it runs only
// when nothing else uses it — scripts/test-all.sh runs this file alone, after the S3 pass, with
// FERRY_TEST_S3_OUTAGE=1 (elsewhere it is skipped).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client';
import { downloadFile, uploadFile } from '../support/artifacts';
import { blobStore } from '../support/backends';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';

const enabled = process.env.FERRY_TEST_S3_OUTAGE === '1' && blobStore === 's3';
const gateway = (command: 'start' | 'stop') =>
  execFileSync('bash', ['scripts/ensure-radosgw.sh', command], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });

type Ready = { code: number; message: string | null; data: { status: string; checks: Record<string, string> } };

describe.skipIf(!enabled)('/api/ready while the S3 server is stopped (FERRY_TEST_S3_OUTAGE=1 with the S3 store)', () => {
  let ferry: FerryServer;
  const ready = async () => {
    const response = await fetch(`${ferry.url}/api/ready`);
    return { status: response.status, body: (await response.json()) as Ready };
  };

  beforeAll(async () => {
    ferry = await startFerry();
  });
  afterAll(async () => {
    gateway('start');
    await ferry?.stop();
  });

  it('answers 503 naming the blob store while radosgw is stopped, and 200 again when it is back; stored files survive', async () => {
    const repo = await createProjectWithRepo(apiClient(ferry.url), 'GENERIC');
    const target = { ...repo, path: '/outage/kept.bin' };
    const content = randomBytes(64 * 1024);
    expect((await uploadFile(ferry.url, target, content)).status).toBe(200);
    expect(await ready()).toMatchObject({ status: 200, body: { code: 0, data: { status: 'ready' } } });

    gateway('stop');
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.code).toBe(250125);
    expect(down.body.message).toContain('blob store');
    expect(down.body.message).not.toContain('database');
    expect(down.body.data.checks).toEqual({ database: 'ok', migrations: 'ok', blobStore: 'failing' });
    // The endpoint and the keys stay in the log, never in the anonymous answer.
    expect(down.body.message).not.toContain('127.0.0.1');
    expect(JSON.stringify(down.body)).not.toContain(ferry.env.FERRY_S3_SECRET_ACCESS_KEY);
    // Liveness is not readiness: the process is alive.
    expect((await fetch(`${ferry.url}/api/health`)).status).toBe(200);

    gateway('start');
    await expect.poll(async () => (await ready()).status, { timeout: 30_000, interval: 500 }).toBe(200);
    const downloaded = await downloadFile(ferry.url, target);
    expect(downloaded.status).toBe(200);
    expect(downloaded.body.equals(content)).toBe(true);
    expect(ferry.output()).not.toContain(ferry.env.FERRY_S3_SECRET_ACCESS_KEY);
  });
});
