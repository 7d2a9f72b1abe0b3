import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client';
import { backend, blobStore, workDir } from '../support/backends';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { type FerryProcess, spawnFerry } from '../support/harness';
import { adminAuth } from '../support/oci-client';

const MiB = 1024 * 1024;
const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

// Two instances behind one load balancer share PostgreSQL and the bucket, and nothing else: each
// request of one OCI upload may land on either. Needs both (PGlite is single-process).
describe.runIf(backend === 'postgres' && blobStore === 's3')('OCI chunked upload across two instances on one bucket', () => {
  let first: FerryServer;
  let second: FerryProcess;
  let image: string;

  beforeAll(async () => {
    first = await startFerry({ env: { FERRY_SECRET_KEY: 'cd'.repeat(32) } });
    second = await spawnFerry({
      env: { ...first.env, FERRY_DATA_DIR: path.join(workDir, 'servers', `${path.basename(first.dataDir)}-b`) },
    });
    const { projectId, repoName } = await createProjectWithRepo(apiClient(first.url));
    image = `${projectId}/${repoName}/app`;
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  const call = (base: string, target: string, init: RequestInit = {}) =>
    fetch(new URL(target, base), { ...init, headers: { Authorization: adminAuth(), ...(init.headers as Record<string, string>) } });

  it.each([
    ['large chunks, joined server-side', [6 * MiB, 5 * MiB, 1000]],
    ['small chunks, streamed into one object', [1000, 2000, 3000]],
  ])('takes a blob in %s, each request on the other instance', async (_name, sizes) => {
    const chunks = sizes.map((size) => randomBytes(size));
    const blob = Buffer.concat(chunks);
    const servers = [first.url, second.url];
    const started = await call(servers[0] ?? '', `/v2/${image}/blobs/uploads/`, { method: 'POST' });
    expect(started.status).toBe(202);
    let location = started.headers.get('location') ?? '';
    let offset = 0;
    for (const [index, chunk] of chunks.entries()) {
      const patched = await call(servers[(index + 1) % 2] ?? '', location, {
        method: 'PATCH',
        headers: { 'content-range': `${offset}-${offset + chunk.length - 1}`, 'content-type': 'application/octet-stream' },
        body: chunk,
      });
      expect(patched.status).toBe(202);
      offset += chunk.length;
      expect(patched.headers.get('range')).toBe(`0-${offset - 1}`);
      location = patched.headers.get('location') ?? location;
    }
    const status = await call(servers[chunks.length % 2] ?? '', location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe(`0-${blob.length - 1}`);
    const closing = new URL(location, first.url);
    closing.searchParams.set('digest', digestOf(blob));
    const closed = await call(servers[(chunks.length + 1) % 2] ?? '', closing.toString(), { method: 'PUT' });
    expect(closed.status).toBe(201);
    for (const server of servers) {
      const pulled = await call(server, `/v2/${image}/blobs/${digestOf(blob)}`);
      expect(pulled.status).toBe(200);
      expect(digestOf(Buffer.from(await pulled.arrayBuffer()))).toBe(digestOf(blob));
    }
  });

  it('refuses, on either instance, a chunk at an offset the other already filled', async () => {
    const started = await call(first.url, `/v2/${image}/blobs/uploads/`, { method: 'POST' });
    const location = started.headers.get('location') ?? '';
    const chunk = randomBytes(100);
    expect((await call(first.url, location, { method: 'PATCH', headers: { 'content-range': '0-99' }, body: chunk })).status).toBe(202);
    const again = await call(second.url, location, { method: 'PATCH', headers: { 'content-range': '0-99' }, body: chunk });
    expect(again.status).toBe(416);
    expect(again.headers.get('range')).toBe('0-99');
  });
});
