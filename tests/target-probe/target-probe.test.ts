import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../lib/clusters/save-cluster';
import { createClusterSchema } from '../../lib/clusters/schemas';
import { encryptSecret } from '../../lib/crypto/secret-box';
import type { Db } from '../../lib/db/client';
import type { TaskRow } from '../../lib/distribution/queries';
import { openTargetProbe } from '../../lib/target-probe/target-probe';
import { apiClient, dataOf } from '../support/api-client';
import { pushImageToFerry, uploadFile } from '../support/artifacts';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { uniqueName } from '../support/harness';
import { buildImage } from '../support/oci-images';
import { type RegistryServer, startRegistry } from '../support/registry';
import { registryStorageListing, registryUploadSessions } from '../support/registry-storage';
import { openTestDatabase } from '../support/test-database';

// The probe decrypts the task's stored password in this process, as the runner does.
process.env.FERRY_SECRET_KEY ??= randomBytes(32).toString('hex');

const PEER_PASSWORD = 'peer-admin-password';
const creds = { username: 'prober', password: 'probe-secret-9' };
let registry: RegistryServer;
let locked: RegistryServer;
let peer: FerryServer;
let connection: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Db;

beforeAll(async () => {
  [registry, locked, peer, connection] = await Promise.all([
    startRegistry(),
    startRegistry({ htpasswd: creds }),
    startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } }),
    openTestDatabase(),
  ]);
  db = connection.db;
});
afterAll(async () => {
  await Promise.all([registry?.stop(), locked?.stop(), peer?.stop(), connection?.close()]);
});

/** A task row as the database holds it; the probe needs no saved row, only its target fields. */
function taskRow(target: Partial<TaskRow>): TaskRow {
  const now = new Date();
  return {
    id: uniqueName('task'),
    taskKey: uniqueName('key'),
    kind: 'CONFIG',
    projectName: 'p',
    repoName: 'r',
    name: uniqueName('config'),
    clusterId: null,
    remoteProjectId: null,
    remoteRepoName: null,
    registry: null,
    username: null,
    passwordEncrypted: null,
    certificate: null,
    packageConstraints: [],
    pathConstraints: [],
    replicaType: 'SCHEDULED',
    rateLimit: 0,
    includeMetadata: true,
    conflictStrategy: 'SKIP',
    errorStrategy: 'CONTINUE',
    executionStrategy: 'IMMEDIATELY',
    executeImmediately: true,
    executeTime: null,
    cronExpression: null,
    enabled: true,
    description: null,
    nextFireAt: null,
    replicateDeletes: false,
    verifyCron: null,
    verifyNextAt: null,
    createdBy: 'admin',
    createdAt: now,
    lastModifiedBy: 'admin',
    lastModifiedAt: now,
    ...target,
  };
}

const ferryImage = (registryServer: RegistryServer, repo: string, tag: string, image = buildImage([40_000, 20_000])) =>
  pushImageToFerry(
    // pushImageToFerry speaks /v2/ with admin credentials; an open docker-registry ignores them.
    registryServer.url,
    { projectId: repo.split('/')[0] ?? '', repoName: repo.split('/')[1] ?? '', image: repo.split('/')[2] ?? '', tag },
    image,
  ).then(() => image);

describe('probing a registry target', () => {
  it('tells present, absent and retagged images apart by digest, and writes nothing', async () => {
    const image = await ferryImage(registry, 'a/ns/app', 'v1');
    await ferryImage(registry, 'a/ns/app', 'v2');
    const before = await registryStorageListing(registry);
    const probe = await openTargetProbe({ db }, taskRow({ registry: `http://${registry.host}/a/ns` }));
    try {
      expect(probe.kind).toBe('registry');
      expect(await probe.statArtifact({ kind: 'IMAGE', name: 'app', version: 'v1' })).toEqual({
        present: true,
        digest: image.manifest.digest,
        size: null,
        tags: [{ tag: 'v1', digest: image.manifest.digest }],
      });
      expect(await probe.statArtifact({ kind: 'IMAGE', name: 'app', version: 'v9' })).toEqual({ present: false });
      expect(await probe.statArtifact({ kind: 'IMAGE', name: 'missing', version: 'v1' })).toEqual({ present: false });
      // Pushed under v1 and v3: one target tag present, one absent → present, no single digest.
      const retagged = await probe.statArtifact({ kind: 'IMAGE', name: 'app', version: 'v1', targetVersion: 'v1,v3' });
      expect(retagged).toMatchObject({ present: true, digest: null, tags: [{ tag: 'v1' }, { tag: 'v3', digest: null }] });
      const [config] = image.blobs;
      expect(await probe.hasBlob(config?.digest ?? '', undefined, 'app')).toBe(true);
      expect(await probe.hasBlob(`sha256:${'0'.repeat(64)}`, undefined, 'app')).toBe(false);
      // Files go only to a Ferry cluster: said, not guessed.
      await expect(probe.statArtifact({ kind: 'FILE', name: '/a.txt', version: null })).rejects.toThrow(
        'files can only be distributed to a Ferry cluster',
      );
    } finally {
      probe.close();
    }
    expect(await registryStorageListing(registry)).toEqual(before);
    expect(await registryUploadSessions(registry)).toEqual([]);
  });

  it('counts a blob held in another repository Ferry knows of as mountable, and forgets none', async () => {
    const image = await ferryImage(registry, 'b/home/app', 'v1');
    const layer = image.blobs[1]?.digest ?? '';
    const probe = await openTargetProbe({ db }, taskRow({ registry: `http://${registry.host}/b/fresh` }));
    try {
      expect(await probe.hasBlob(layer, undefined, 'app')).toBe(false);
      const { recordBlobLocation } = await import('../../lib/blob-locations/queries');
      await recordBlobLocation(db, { registry: registry.url, digest: layer, repository: 'b/home/app' }, new Date());
      expect(await probe.hasBlob(layer, undefined, 'app')).toBe(true);
      // A stale home (the registry does not hold it there) is no mount source.
      await recordBlobLocation(db, { registry: registry.url, digest: `sha256:${'1'.repeat(64)}`, repository: 'b/home/app' }, new Date());
      expect(await probe.hasBlob(`sha256:${'1'.repeat(64)}`, undefined, 'app')).toBe(false);
    } finally {
      probe.close();
    }
  });

  it('uses the stored credentials, and says when they are wrong', async () => {
    const task = (password: string) =>
      taskRow({ registry: `http://${locked.host}/ns`, username: creds.username, passwordEncrypted: encryptSecret(password) });
    const good = await openTargetProbe({ db }, task(creds.password));
    expect(await good.statArtifact({ kind: 'IMAGE', name: 'app', version: 'v1' })).toEqual({ present: false });
    good.close();
    const bad = await openTargetProbe({ db }, task('wrong-password'));
    await expect(bad.statArtifact({ kind: 'IMAGE', name: 'app', version: 'v1' })).rejects.toThrow(
      /^401 from registry .*check the username/,
    );
    bad.close();
  });

  it('stops waiting when the caller aborts, and refuses work after close', async () => {
    const probe = await openTargetProbe({ db }, taskRow({ registry: `http://${registry.host}/ns` }));
    const aborted = AbortSignal.abort(new Error('budget spent'));
    await expect(probe.statArtifact({ kind: 'IMAGE', name: 'app', version: 'v1' }, aborted)).rejects.toThrow('budget spent');
    probe.close();
    await expect(probe.statArtifact({ kind: 'IMAGE', name: 'app', version: 'v1' })).rejects.toThrow('closed');
  });
});

describe('probing a peer Ferry', () => {
  const peerApi = () => apiClient(peer.url, { username: 'admin', password: PEER_PASSWORD });

  async function clusterTask(repo: { projectId: string; repoName: string }, password = PEER_PASSWORD) {
    const cluster = await createCluster(
      db,
      createClusterSchema.parse({ name: uniqueName('peer'), url: peer.url, username: 'admin', password, type: 'STANDALONE' }),
      'admin',
    );
    return taskRow({ clusterId: cluster.id, remoteProjectId: repo.projectId, remoteRepoName: repo.repoName });
  }

  it("reads a file's sha256 and size from the peer's generic API, and its images through /v2/", async () => {
    const files = await createProjectWithRepo(peerApi(), 'GENERIC');
    const content = randomBytes(70_000);
    const sha = createHash('sha256').update(content).digest('hex');
    expect((await uploadFile(peer.url, { ...files, path: '/dir/a.bin' }, content, {}, PEER_PASSWORD)).status).toBe(200);
    const probe = await openTargetProbe({ db }, await clusterTask(files));
    try {
      expect(probe.kind).toBe('cluster');
      expect(await probe.hasBlob(`sha256:${sha}`)).toBe(false);
      expect(await probe.statArtifact({ kind: 'FILE', name: '/dir/a.bin', version: null })).toEqual({
        present: true,
        digest: `sha256:${sha}`,
        size: 70_000,
      });
      // Content seen at the peer can be linked there instead of sent.
      expect(await probe.hasBlob(`sha256:${sha}`)).toBe(true);
      expect(await probe.statArtifact({ kind: 'FILE', name: '/dir/b.bin', version: null })).toEqual({ present: false });
      // A folder at the path: present, with no digest to compare.
      expect(await probe.statArtifact({ kind: 'FILE', name: '/dir', version: null })).toEqual({ present: true, digest: null, size: null });
    } finally {
      probe.close();
    }

    const images = await createProjectWithRepo(peerApi(), 'DOCKER');
    const image = buildImage([30_000]);
    await pushImageToFerry(peer.url, { ...images, image: 'web', tag: '1.0' }, image, PEER_PASSWORD);
    const imageProbe = await openTargetProbe({ db }, await clusterTask(images));
    try {
      expect(await imageProbe.statArtifact({ kind: 'IMAGE', name: 'web', version: '1.0' })).toMatchObject({
        present: true,
        digest: image.manifest.digest,
      });
      expect(await imageProbe.hasBlob(image.blobs[1]?.digest ?? '', undefined, 'web')).toBe(true);
      expect(await imageProbe.statArtifact({ kind: 'IMAGE', name: 'web', version: '2.0' })).toEqual({ present: false });
    } finally {
      imageProbe.close();
    }
  });

  it('creates nothing at the peer: a missing remote project is just absent', async () => {
    const remote = { projectId: uniqueName('nothere'), repoName: 'repo' };
    const probe = await openTargetProbe({ db }, await clusterTask(remote));
    try {
      expect(await probe.statArtifact({ kind: 'FILE', name: '/x.txt', version: null })).toEqual({ present: false });
      expect(await probe.statArtifact({ kind: 'IMAGE', name: 'web', version: '1.0' })).toEqual({ present: false });
    } finally {
      probe.close();
    }
    const projects = dataOf(await peerApi().get<Array<{ name: string }>>('/repository/api/project/list'));
    expect(projects.map((p) => p.name)).not.toContain(remote.projectId);
  });

  it('names the cluster and the cause when its password is wrong', async () => {
    const files = await createProjectWithRepo(peerApi(), 'GENERIC');
    const probe = await openTargetProbe({ db }, await clusterTask(files, 'not-the-password'));
    await expect(probe.statArtifact({ kind: 'FILE', name: '/a.txt', version: null })).rejects.toThrow(
      /^401 from cluster 127\.0\.0\.1:\d+ while checking \/a\.txt: check the cluster username\/password/,
    );
    probe.close();
  });
});
