import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { ADMIN_PASSWORD, type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth } from '../support/harness';
import { errorCodeOf, ociClient, sha256Digest } from '../support/oci-client';

// The operator's upload limits: FERRY_MAX_UPLOAD_BYTES (413) and the free-disk floor (507).
const LIMIT = 64 * 1024;
let limited: FerryServer;
let full: FerryServer;
beforeAll(async () => {
  [limited, full] = await Promise.all([
    startFerry({ env: { FERRY_MAX_UPLOAD_BYTES: String(LIMIT) } }),
    // A floor no disk meets: every write is refused as if the disk were full.
    startFerry({ env: { FERRY_MIN_FREE_DISK_BYTES: String(2 ** 52) } }),
  ]);
});
afterAll(async () => {
  await Promise.all([limited?.stop(), full?.stop()]);
});

const auth = { Authorization: basicAuth('admin', ADMIN_PASSWORD) };

async function putFile(server: FerryServer, path: string, body: Buffer) {
  const response = await fetch(`${server.url}/generic/${path}`, { method: 'PUT', headers: auth, body: new Uint8Array(body) });
  return { status: response.status, body: (await response.json()) as { code: number; message: string } };
}

describe('upload limits', () => {
  it('refuses a generic upload over FERRY_MAX_UPLOAD_BYTES with 413 and stores nothing', async () => {
    const { projectId, repoName } = await createProjectWithRepo(apiClient(limited.url), 'GENERIC');
    const refused = await putFile(limited, `${projectId}/${repoName}/big.bin`, randomBytes(LIMIT + 1));
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe(250121);
    expect(refused.body.message).toContain(`${LIMIT} bytes`);
    const missing = await fetch(`${limited.url}/generic/${projectId}/${repoName}/big.bin`, { method: 'HEAD', headers: auth });
    expect(missing.status).toBe(404);
    expect((await putFile(limited, `${projectId}/${repoName}/ok.bin`, randomBytes(LIMIT))).status).toBe(200);
  });

  it('refuses OCI blobs over the limit, monolithic and chunked, with 413 SIZE_INVALID', async () => {
    const api = apiClient(limited.url);
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    const oci = ociClient(limited.url);
    const name = `${projectId}/${repoName}/app`;
    const blob = randomBytes(LIMIT + 10);
    const monolithic = await oci.call(`/v2/${name}/blobs/uploads/?digest=${sha256Digest(blob)}`, {
      method: 'POST',
      body: blob,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(monolithic.status).toBe(413);
    expect(await errorCodeOf(monolithic)).toBe('SIZE_INVALID');

    const session = await oci.call(`/v2/${name}/blobs/uploads/`, { method: 'POST' });
    const location = session.headers.get('location') ?? '';
    const first = await oci.call(location, {
      method: 'PATCH',
      body: blob.subarray(0, LIMIT / 2),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(first.status).toBe(202);
    const second = await oci.call(first.headers.get('location') ?? location, {
      method: 'PATCH',
      body: blob.subarray(LIMIT / 2),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(second.status).toBe(413);
    expect(await errorCodeOf(second)).toBe('SIZE_INVALID');
  });

  it('answers 507 while the disk is under the free-space floor, for files and blobs', async () => {
    const api = apiClient(full.url);
    const generic = await createProjectWithRepo(api, 'GENERIC');
    const refused = await putFile(full, `${generic.projectId}/${generic.repoName}/a.txt`, Buffer.from('hello'));
    expect(refused.status).toBe(507);
    expect(refused.body.code).toBe(250124);
    expect(refused.body.message).toMatch(/low on disk space/);

    const docker = await createProjectWithRepo(api, 'DOCKER');
    const blob = Buffer.from('layer');
    const push = await ociClient(full.url).call(
      `/v2/${docker.projectId}/${docker.repoName}/app/blobs/uploads/?digest=${sha256Digest(blob)}`,
      {
        method: 'POST',
        body: blob,
        headers: { 'Content-Type': 'application/octet-stream' },
      },
    );
    expect(push.status).toBe(507);
    expect(await errorCodeOf(push)).toBe('DENIED');
    const nodes = dataOf(await api.get<{ totalRecords: number }>(`/repository/api/node/page/${generic.projectId}/${generic.repoName}/`));
    expect(nodes.totalRecords).toBe(0);
  });
});
