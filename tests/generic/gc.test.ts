import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { blobStore } from '../support/backends';
import { createProjectWithRepo } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { ADMIN_PASSWORD } from '../support/ferry-server';
import { basicAuth } from '../support/harness';
import { serverBlobs } from '../support/server-blobs';

const ferry = ferryForFile();

const auth = { Authorization: basicAuth('admin', ADMIN_PASSWORD) };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const blobFile = (digest: string) => path.join(ferry.server.dataDir, 'blobs', 'sha256', digest.slice(0, 2), digest);
const twoHoursAgo = () => new Date(Date.now() - 2 * 3600_000);

async function storedBlobs(): Promise<string[]> {
  const entries = await readdir(path.join(ferry.server.dataDir, 'blobs', 'sha256'), { recursive: true, withFileTypes: true }).catch(
    () => [],
  );
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

/** Backdates a blob as if it had been written long ago (the grace period is one hour). */
async function age(digest: string) {
  await utimes(blobFile(digest), twoHoursAgo(), twoHoursAgo());
}

type GcResult = {
  scannedBlobs: number;
  deletedBlobs: number;
  deletedBytes: number;
  youngUnreferencedBlobs: number;
  staleUploadsRemoved: number;
};

// Backdating needs the filesystem store: S3 sets modification times itself (the S3 store's GC
// is covered by lib/storage/collect-garbage.test.ts with an injected clock, and below).
const canBackdate = blobStore === 'fs';

describe('garbage collection', () => {
  it.runIf(canBackdate)('removes only unreferenced blobs older than the grace period, and stale uploads', async () => {
    const api = ferry.api;
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    const base = `${ferry.server.url}/generic/${projectId}/${repoName}`;
    const kept = randomBytes(1000);
    const deleted = randomBytes(2000);
    const young = randomBytes(3000);
    const shared = randomBytes(4000);
    for (const [name, content] of [
      ['kept', kept],
      ['deleted', deleted],
      ['young', young],
      ['shared-1', shared],
      ['shared-2', shared],
    ] as const) {
      const response = await fetch(`${base}/${name}`, { method: 'PUT', headers: auth, body: content });
      expect(response.status).toBe(200);
    }
    for (const name of ['deleted', 'young', 'shared-1']) {
      expect((await fetch(`${base}/${name}`, { method: 'DELETE', headers: auth })).status).toBe(200);
    }
    for (const content of [kept, deleted, shared]) await age(sha256(content));

    // An upload abandoned a day ago and one in progress.
    const uploads = path.join(ferry.server.dataDir, 'blobs', 'uploads');
    await mkdir(uploads, { recursive: true });
    const staleUpload = path.join(uploads, '00000000-0000-4000-8000-000000000001');
    const liveUpload = path.join(uploads, '00000000-0000-4000-8000-000000000002');
    await writeFile(staleUpload, 'stale');
    await writeFile(liveUpload, 'live');
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await utimes(staleUpload, dayAgo, dayAgo);

    const result = dataOf(await api.post<GcResult>('/repository/api/admin/gc'));
    expect(result).toMatchObject({
      scannedBlobs: 4,
      deletedBlobs: 1,
      deletedBytes: 2000,
      youngUnreferencedBlobs: 1,
      staleUploadsRemoved: 1,
    });
    expect((await storedBlobs()).sort()).toEqual([sha256(kept), sha256(young), sha256(shared)].sort());
    expect(await readdir(uploads)).toEqual(['00000000-0000-4000-8000-000000000002']);

    // What remains still downloads.
    const download = await fetch(`${base}/shared-2`, { headers: auth });
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(shared));

    // A second run has nothing left to do.
    const again = dataOf(await api.post<GcResult>('/repository/api/admin/gc'));
    expect(again).toMatchObject({ deletedBlobs: 0, staleUploadsRemoved: 0 });
  });

  it.runIf(canBackdate)('re-uploading content whose old blob was collected stores it again', async () => {
    const api = ferry.api;
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    const base = `${ferry.server.url}/generic/${projectId}/${repoName}`;
    const content = randomBytes(500);
    await fetch(`${base}/f`, { method: 'PUT', headers: auth, body: content });
    await fetch(`${base}/f`, { method: 'DELETE', headers: auth });
    await age(sha256(content));
    dataOf(await api.post('/repository/api/admin/gc'));
    expect(await storedBlobs()).not.toContain(sha256(content));
    expect((await fetch(`${base}/f`, { method: 'PUT', headers: auth, body: content })).status).toBe(200);
    const download = await fetch(`${base}/f`, { headers: auth });
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(content));
  });

  it('keeps young unreferenced blobs and an OCI upload in flight, and the upload then completes', async () => {
    const api = ferry.api;
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    const base = `${ferry.server.url}/generic/${projectId}/${repoName}`;
    const content = randomBytes(1500);
    expect((await fetch(`${base}/gone`, { method: 'PUT', headers: auth, body: content })).status).toBe(200);
    expect((await fetch(`${base}/gone`, { method: 'DELETE', headers: auth })).status).toBe(200);
    const oci = await createProjectWithRepo(api);
    const image = `${ferry.server.url}/v2/${oci.projectId}/${oci.repoName}/app/blobs/uploads/`;
    const started = await fetch(image, { method: 'POST', headers: auth });
    expect(started.status).toBe(202);
    const session = new URL(started.headers.get('location') ?? '', ferry.server.url).toString();
    const layer = randomBytes(70_000);
    const patched = await fetch(session, {
      method: 'PATCH',
      headers: { ...auth, 'content-range': '0-39999' },
      body: layer.subarray(0, 40_000),
    });
    expect(patched.status).toBe(202);

    const result = dataOf(await api.post<GcResult>('/repository/api/admin/gc'));
    expect(result).toMatchObject({ deletedBlobs: 0, staleUploadsRemoved: 0 });
    expect(result.youngUnreferencedBlobs).toBeGreaterThanOrEqual(1);
    expect(await serverBlobs(ferry.server).stored()).toContain(sha256(content));

    const digest = `sha256:${sha256(layer)}`;
    const finished = await fetch(`${session}${session.includes('?') ? '&' : '?'}digest=${digest}`, {
      method: 'PUT',
      headers: { ...auth, 'content-range': '40000-69999' },
      body: layer.subarray(40_000),
    });
    expect(finished.status).toBe(201);
    const pulled = await fetch(`${ferry.server.url}/v2/${oci.projectId}/${oci.repoName}/app/blobs/${digest}`, { headers: auth });
    expect(sha256(Buffer.from(await pulled.arrayBuffer()))).toBe(sha256(layer));
  });

  it('requires credentials', async () => {
    const response = await fetch(`${ferry.server.url}/repository/api/admin/gc`, { method: 'POST' });
    expect(response.status).toBe(401);
  });
});
