import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../lib/db/client';
import { blobLocations } from '../../lib/db/schema';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { downloadFile, pushImageToFerry, uploadFile } from '../support/artifacts';
import { createClusterNode, createProjectWithRepo, runOnceTaskToEnd } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { uniqueName } from '../support/harness';
import { type BuiltImage, buildImage } from '../support/oci-images';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';

// Never send bytes a target already has: registries mount from the durable blob locations, a peer
// Ferry links files it holds and mounts image blobs across its repositories.
const PEER_PASSWORD = 'peer-admin-password';
const USER_PASSWORD = 'linker-password-1';
let ferry: FerryServer;
let peer: FerryServer;
let registry: RegistryServer;
let api: ApiClient;
let peerApi: ApiClient;

beforeAll(async () => {
  [ferry, peer, registry] = await Promise.all([
    startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200' } }),
    startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } }),
    startRegistry(),
  ]);
  api = apiClient(ferry.url);
  peerApi = apiClient(peer.url, { username: 'admin', password: PEER_PASSWORD });
});
afterAll(async () => {
  await Promise.all([ferry?.stop(), peer?.stop(), registry?.stop()]);
});

type Status = { id: string; status: string; errorReason: string | null; progress: { doneBytes: number; totalBytes: number } };
type Detail = { artifactName: string; status: string; bytesDone: number };
type Repo = { projectId: string; repoName: string };

/** Runs a run-once task to its end; returns its status, the bytes each artifact sent, and the wall time. */
async function runOnce(repo: Repo, target: Record<string, unknown>) {
  const started = performance.now();
  const status = await runOnceTaskToEnd<Status>(api, { ...repo, name: uniqueName('task'), ...target });
  const seconds = (performance.now() - started) / 1000;
  const details = dataOf(await api.get<{ records: Detail[] }>(`/replication/api/execution/details/${status.id}`)).records;
  return { status, seconds, artifactBytes: details.map((d) => d.bytesDone) };
}

const blobBytes = (image: BuiltImage) => image.blobs.reduce((sum, blob) => sum + blob.size, 0);

/** Runs `work` on the stopped server's own database (PGlite cannot be shared), then starts it again. */
async function withFerryDatabase<T>(work: (db: Awaited<ReturnType<typeof openConnection>>['db']) => Promise<T>): Promise<T> {
  await ferry.stop();
  const connection = await openConnection({ databaseUrl: ferry.env.DATABASE_URL, dataDir: ferry.dataDir });
  try {
    return await work(connection.db);
  } finally {
    await connection.close();
    await ferry.restart();
  }
}

async function imageInFerry(layers: number[]) {
  const repo = await createProjectWithRepo(api, 'DOCKER');
  const image = buildImage(layers);
  await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag: '1.0' }, image);
  return { repo, image, images: { packageName: 'app', versions: ['1.0'] } };
}

describe('images to a registry: mounts from durable blob locations', () => {
  it('sends no blob bytes when the image goes to a second and, after a restart, a third namespace', async () => {
    const { repo, image, images } = await imageInFerry([4 * 1024 * 1024, 512 * 1024]);
    const to = (namespace: string) => runOnce(repo, { registry: `http://${registry.host}/${namespace}`, ...images });

    const first = await to('ns1');
    expect(first.status).toMatchObject({ status: 'SUCCESS', progress: { doneBytes: blobBytes(image) } });
    const second = await to('ns2');
    expect(second.status).toMatchObject({ status: 'SUCCESS', progress: { doneBytes: 0, totalBytes: blobBytes(image) } });
    expect(second.artifactBytes).toEqual([0]);
    expect(await registryTagDigest(registry, 'ns2/app', '1.0')).toBe(image.manifest.digest);
    console.log(
      `push of ${(blobBytes(image) / 1048576).toFixed(1)} MiB to a new namespace: uploaded ${first.seconds.toFixed(2)} s, mounted ${second.seconds.toFixed(2)} s`,
    );

    await ferry.restart();
    const third = await to('ns3');
    expect(third.status).toMatchObject({ status: 'SUCCESS', progress: { doneBytes: 0 } });
    expect(await registryTagDigest(registry, 'ns3/app', '1.0')).toBe(image.manifest.digest);
  });

  it('uploads when a known location is stale (the registry answers the mount with 202), and forgets it', async () => {
    const { repo, image, images } = await imageInFerry([300_000]);
    const stale = image.blobs.map((blob) => ({ registry: registry.url, digest: blob.digest, repository: 'ghost/app' }));
    await withFerryDatabase((db) => db.insert(blobLocations).values(stale));

    const run = await runOnce(repo, { registry: `http://${registry.host}/fresh`, ...images });
    expect(run.status).toMatchObject({ status: 'SUCCESS', progress: { doneBytes: blobBytes(image) } });
    expect(await registryTagDigest(registry, 'fresh/app', '1.0')).toBe(image.manifest.digest);
    const rows = await withFerryDatabase((db) =>
      db.select({ repository: blobLocations.repository }).from(blobLocations).where(eq(blobLocations.registry, registry.url)),
    );
    expect(rows.filter((row) => row.repository === 'ghost/app')).toEqual([]);
    expect(rows.filter((row) => row.repository === 'fresh/app')).toHaveLength(image.blobs.length);
  });
});

describe('to a peer Ferry: link files it holds, mount image blobs it holds', () => {
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  /** A project and GENERIC repository made on the peer by its admin. */
  async function peerRepository(type: 'GENERIC' | 'DOCKER' = 'GENERIC') {
    const projectId = uniqueName('peer');
    dataOf(await peerApi.post('/repository/api/project/create', { name: projectId }));
    dataOf(await peerApi.post('/repository/api/repo/create', { projectId, name: 'files', type }));
    return { projectId, repoName: 'files' };
  }

  /** A file in a fresh repository of this Ferry, and the same content held by the peer in another project. */
  async function contentHeldByPeer() {
    const content = randomBytes(200_000);
    const held = await peerRepository();
    expect((await uploadFile(peer.url, { ...held, path: '/original.bin' }, content, {}, PEER_PASSWORD)).status).toBe(200);
    const repo = await createProjectWithRepo(api, 'GENERIC');
    expect((await uploadFile(ferry.url, { ...repo, path: '/copy/me.bin' }, content)).status).toBe(200);
    return { content, repo };
  }

  it('links a file whose content the peer holds in another repository: no bytes sent', async () => {
    const { content, repo } = await contentHeldByPeer();
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
    const target = { clusterId: cluster.id, remoteProjectId: uniqueName('dst'), remoteRepoName: 'linked' };
    const run = await runOnce(repo, { ...target, pathConstraints: ['/copy'] });
    expect(run.status).toMatchObject({ status: 'SUCCESS', progress: { doneBytes: 0, totalBytes: content.length } });
    expect(run.artifactBytes).toEqual([0]);
    const node = dataOf(
      await peerApi.get<{ sha256: string; size: number }>(
        `/repository/api/node/detail/${target.remoteProjectId}/${target.remoteRepoName}/copy/me.bin`,
      ),
    );
    expect(node).toMatchObject({ sha256: sha256(content), size: content.length });
    const copied = await downloadFile(
      peer.url,
      { projectId: target.remoteProjectId, repoName: 'linked', path: '/copy/me.bin' },
      PEER_PASSWORD,
    );
    expect(copied.body.equals(content)).toBe(true);
  });

  it('sends the bytes when the peer account may not read the repository holding the content', async () => {
    const { content, repo } = await contentHeldByPeer();
    const userId = uniqueName('linker');
    dataOf(await peerApi.post('/repository/api/user/create', { userId, name: userId, password: USER_PASSWORD }));
    const own = await peerRepository();
    dataOf(await peerApi.post(`/repository/api/project/member/${own.projectId}`, { userId, role: 'MAINTAINER' }));
    const cluster = await createClusterNode(api, { url: peer.url, username: userId, password: USER_PASSWORD });
    const run = await runOnce(repo, {
      clusterId: cluster.id,
      remoteProjectId: own.projectId,
      remoteRepoName: own.repoName,
      pathConstraints: ['/copy'],
    });
    expect(run.status).toMatchObject({ status: 'SUCCESS', progress: { doneBytes: content.length } });
    expect(run.artifactBytes).toEqual([content.length]);
    // Asked directly, the peer answers as if the content were absent.
    const asked = await fetch(`${peer.url}/generic/${own.projectId}/${own.repoName}/probe.bin`, {
      method: 'PUT',
      headers: {
        Authorization: `Basic ${Buffer.from(`${userId}:${USER_PASSWORD}`).toString('base64')}`,
        'X-Ferry-Link-Sha256': sha256(randomBytes(8)),
      },
    });
    expect(asked.status).toBe(404);
    expect(await asked.json()).toMatchObject({ code: 250108, message: expect.stringContaining('send the bytes instead') });
  });

  it('refuses malformed link headers with 400 naming the header', async () => {
    const held = await peerRepository();
    const put = (link: string, headers: Record<string, string> = {}) =>
      fetch(`${peer.url}/generic/${held.projectId}/${held.repoName}/bad.bin`, {
        method: 'PUT',
        headers: {
          Authorization: `Basic ${Buffer.from(`admin:${PEER_PASSWORD}`).toString('base64')}`,
          'X-Ferry-Link-Sha256': link,
          ...headers,
        },
      });
    for (const link of ['z'.repeat(64), 'a'.repeat(63), 'a'.repeat(65)]) {
      const response = await put(link);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 250105,
        message: expect.stringMatching(/^Parameter \[X-Ferry-Link-Sha256\] is invalid/),
      });
    }
    const disagreeing = await put('a'.repeat(64), { 'X-BKREPO-SHA256': 'b'.repeat(64) });
    expect((await disagreeing.json()).message).toMatch(/^Parameter \[X-BKREPO-SHA256\] is invalid: must equal X-Ferry-Link-Sha256/);
    // A NUL never reaches Ferry: Node's HTTP parser answers 400 itself.
    expect(await rawStatus(peer.url, `PUT /generic/${held.projectId}/${held.repoName}/bad.bin`, `X-Ferry-Link-Sha256: a\u0000b`)).toBe(400);
    expect((await downloadFile(peer.url, { ...held, path: '/bad.bin' }, PEER_PASSWORD)).status).toBe(404);
  });

  it('sends no blob bytes when the image goes to a second repository of the peer', async () => {
    const { repo, image, images } = await imageInFerry([1024 * 1024, 64 * 1024]);
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
    const projectId = uniqueName('pimg');
    const to = (remoteRepoName: string) => runOnce(repo, { clusterId: cluster.id, remoteProjectId: projectId, remoteRepoName, ...images });
    expect((await to('one')).status).toMatchObject({ status: 'SUCCESS', progress: { doneBytes: blobBytes(image) } });
    const second = await to('two');
    expect(second.status).toMatchObject({ status: 'SUCCESS', progress: { doneBytes: 0 } });
    expect(second.artifactBytes).toEqual([0]);
    const versions = dataOf(
      await peerApi.get<{ records: Array<{ name: string; digest: string }> }>(
        `/repository/api/version/page/${projectId}/two?packageKey=docker://app`,
      ),
    );
    expect(versions.records).toEqual([expect.objectContaining({ name: '1.0', digest: image.manifest.digest })]);
  });
});

/** The status line of a request written byte for byte (fetch and http.request refuse a NUL in a header). */
function rawStatus(baseUrl: string, requestLine: string, header: string): Promise<number> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`${requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    });
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}
