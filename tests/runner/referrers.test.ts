import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { skopeo } from '../support/ensure-skopeo';
import { createClusterNode, createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth } from '../support/harness';
import { ociClient, sha256Digest } from '../support/oci-client';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';

// Signatures and SBOMs travel with their image: OCI 1.1 referrers (subject) and cosign-scheme tags,
// to a docker-registry 2.8 (no referrers API: the fallback tag index) and to a peer Ferry (referrers API).
const PEER_PASSWORD = 'peer-admin-password';
let ferry: FerryServer;
let peer: FerryServer;
let registry: RegistryServer;
let api: ApiClient;

beforeAll(async () => {
  [ferry, peer, registry] = await Promise.all([
    startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200' } }),
    startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } }),
    startRegistry(),
  ]);
  api = apiClient(ferry.url);
});
afterAll(async () => {
  await Promise.all([ferry?.stop(), peer?.stop(), registry?.stop()]);
});

const dist = '/replication/api/remote/distribution';
const INDEX = 'application/vnd.oci.image.index.v1+json';
const SPDX = 'application/spdx+json';
type Status = { id: string; status: string; errorReason: string | null; progress: Record<string, number> };
type Detail = {
  artifactName: string;
  errorReason: string | null;
  version: string | null;
  digest: string | null;
  subjectDigest: string | null;
  artifactType: string | null;
  status: string;
  size: number;
  bytesDone: number;
};
type Page<T> = { totalRecords: number; records: T[] };
type Index = { mediaType: string; manifests: Array<{ digest: string; artifactType?: string; annotations?: Record<string, string> }> };

const fallbackTag = (digest: string) => digest.replace(':', '-');

/**
 * Pushes into Ferry `app:1.0`, an SBOM whose `subject` is that image (by digest, as `oras attach`
 * does) and a cosign-style signature under `sha256-<hex>.sig`.
 */
async function pushSignedImage(name: string) {
  const oci = ociClient(ferry.url);
  const image = await oci.pushImage(name, '1.0', 20_000);
  const sbomDigest = await attachSbom(name, image.digest, image.manifest.length);
  const signature = await pushCosignSignature(name, image.digest);
  return { image, sbomDigest, signature };
}

/** An SPDX SBOM whose `subject` is `subjectDigest`, pushed by digest as `oras attach` does; returns its digest. */
async function attachSbom(name: string, subjectDigest: string, subjectSize: number) {
  const oci = ociClient(ferry.url);
  const empty = Buffer.from('{}');
  const emptyDigest = await oci.pushBlob(name, empty);
  const sbomBytes = Buffer.from(JSON.stringify({ spdxVersion: 'SPDX-2.3', name: `sbom-${randomBytes(4).toString('hex')}` }));
  const sbomLayer = await oci.pushBlob(name, sbomBytes);
  const sbom = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: SPDX,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: empty.length },
      layers: [{ mediaType: SPDX, digest: sbomLayer, size: sbomBytes.length }],
      subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subjectDigest, size: subjectSize },
      annotations: { 'org.example.kind': 'sbom' },
    }),
  );
  const sbomDigest = sha256Digest(sbom);
  const sbomPut = await oci.putManifest(name, sbomDigest, sbom);
  expect(sbomPut.status).toBe(201);
  expect(sbomPut.headers.get('oci-subject')).toBe(subjectDigest);
  return sbomDigest;
}

/** cosign's tag scheme: a simple-signing payload as the layer of a manifest tagged `sha256-<hex>.sig`. */
async function pushCosignSignature(name: string, subjectDigest: string) {
  const oci = ociClient(ferry.url);
  const payload = Buffer.from(
    JSON.stringify({ critical: { image: { 'docker-manifest-digest': subjectDigest } }, nonce: randomBytes(8).toString('hex') }),
  );
  const config = Buffer.from(JSON.stringify({ architecture: '', os: '', rootfs: { type: 'layers', diff_ids: [] }, config: {} }));
  const payloadDigest = await oci.pushBlob(name, payload);
  const configDigest = await oci.pushBlob(name, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: [
        {
          mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
          digest: payloadDigest,
          size: payload.length,
          annotations: { 'dev.cosignproject.cosign/signature': randomBytes(32).toString('base64') },
        },
      ],
    }),
  );
  const tag = `${fallbackTag(subjectDigest)}.sig`;
  expect((await oci.putManifest(name, tag, manifest)).status).toBe(201);
  return { tag, digest: sha256Digest(manifest) };
}

async function createConfig(projectId: string, repoName: string, config: Record<string, unknown>) {
  dataOf(await api.post(`${dist}/create/${projectId}/${repoName}`, { configs: [{ setting: {}, ...config }] }));
  const [info] = dataOf(await api.get<Array<{ taskKey: string }>>(`${dist}/info/${projectId}/${repoName}/${config.name}`));
  if (!info) throw new Error('config not stored');
  return info;
}

async function runs(taskKey: string) {
  return dataOf(await api.get<Page<Status & { trigger: string }>>(`/replication/api/execution/list/${taskKey}`)).records;
}

/** Runs a config once more and waits for that run (not an earlier one) to end. */
async function runConfigToEnd(projectId: string, repoName: string, name: string, taskKey: string): Promise<Status> {
  const before = (await runs(taskKey)).length;
  dataOf(await api.post(`${dist}/run/${projectId}/${repoName}/${name}`));
  await expect
    .poll(
      async () => {
        const all = await runs(taskKey);
        return all.length > before ? all[0]?.status : 'QUEUED';
      },
      { timeout: 30_000 },
    )
    .toMatch(/SUCCESS|FAILED/);
  const [latest] = await runs(taskKey);
  if (!latest) throw new Error('no run');
  return latest;
}

const detailsOf = async (executionId: string) =>
  dataOf(await api.get<Page<Detail>>(`/replication/api/execution/details/${executionId}?pageSize=100`)).records;

async function registryManifest(repo: string, reference: string) {
  const response = await fetch(`${registry.url}/v2/${repo}/manifests/${reference}`, {
    headers: { Accept: `${INDEX}, application/vnd.oci.image.manifest.v1+json` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: response.status === 200 ? await response.text() : '',
  };
}

describe('referrers to docker-registry 2.8 (no referrers API)', () => {
  it('pushes the SBOM by digest into the fallback tag index, the signature under its cosign tag, and nothing again', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    const name = `${projectId}/${repoName}/app`;
    const { image, sbomDigest, signature } = await pushSignedImage(name);
    // An unsigned later version: the signed one's referrers still list right under it.
    const unsigned = await ociClient(ferry.url).pushImage(name, '2.0', 1000);
    const config = await createConfig(projectId, repoName, {
      name: 'signed_to_registry',
      registry: `http://${registry.host}/signed`,
      replicaType: 'SCHEDULED',
      packageConstraints: [{ packageName: 'app' }],
      setting: { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } },
    });
    const first = await runConfigToEnd(projectId, repoName, 'signed_to_registry', config.taskKey);
    expect(first).toMatchObject({ status: 'SUCCESS', errorReason: null });
    // Two versions, the SBOM and the signature: four artifacts; the cosign tag is not a version of its own.
    expect(first.progress).toMatchObject({ totalItems: 4, doneItems: 4, failedItems: 0 });
    expect(first.progress.doneBytes).toBeGreaterThan(20_000);

    // docker-registry has no referrers API: 404, so the fallback index `sha256-<hex>` lists the SBOM.
    expect((await fetch(`${registry.url}/v2/signed/app/referrers/${image.digest}`)).status).toBe(404);
    expect(await registryTagDigest(registry, 'signed/app', '1.0')).toBe(image.digest);
    expect((await registryManifest('signed/app', sbomDigest)).status).toBe(200);
    const fallback = await registryManifest('signed/app', fallbackTag(image.digest));
    expect(fallback.type).toBe(INDEX);
    const index = JSON.parse(fallback.body) as Index;
    expect(index.manifests).toEqual([
      expect.objectContaining({ digest: sbomDigest, artifactType: SPDX, annotations: { 'org.example.kind': 'sbom' } }),
    ]);
    expect(await registryTagDigest(registry, 'signed/app', signature.tag)).toBe(signature.digest);
    // What a client (here skopeo) reads of the fallback tag is the same index.
    const raw = await skopeo([
      'inspect',
      '--tls-verify=false',
      '--raw',
      `docker://${registry.host}/signed/app:${fallbackTag(image.digest)}`,
    ]);
    expect((JSON.parse(raw.stdout) as Index).manifests.map((m) => m.digest)).toEqual([sbomDigest]);

    // The run's details list both under their subject, the image first (then tagged referrers, then by digest).
    const details = await detailsOf(first.id);
    expect(details.map((d) => [d.version, d.digest, d.subjectDigest, d.status])).toEqual([
      ['1.0', image.digest, null, 'SUCCESS'],
      [signature.tag, signature.digest, image.digest, 'SUCCESS'],
      [null, sbomDigest, image.digest, 'SUCCESS'],
      ['2.0', unsigned.digest, null, 'SUCCESS'],
    ]);
    expect(details[2]?.artifactType).toBe(SPDX);
    expect(details[1]?.artifactType).toBe('application/vnd.dev.cosign.artifact.sig.v1+json');
    expect(details[2]?.size).toBeGreaterThan(0);

    // A second run finds everything there: no bytes, no second index entry.
    const again = await runConfigToEnd(projectId, repoName, 'signed_to_registry', config.taskKey);
    expect(again.progress).toMatchObject({ totalItems: 4, doneItems: 4, failedItems: 0, doneBytes: 0 });
    const after = JSON.parse((await registryManifest('signed/app', fallbackTag(image.digest))).body) as Index;
    expect(after.manifests.map((m) => m.digest)).toEqual([sbomDigest]);

    // A dry-run plan and a drift check see the referrers where the run put them: the untagged SBOM
    // looked up by digest (not as `latest`), and the fallback index tag not taken for an extra.
    type Plan = { artifacts: Array<{ version: string | null; digest: string | null; fate: string }> };
    const plan = dataOf(await api.post<Plan>(`${dist}/plan/${projectId}/${repoName}`, { name: 'signed_to_registry' }));
    const fates = plan.artifacts.map((a) => [a.version, a.digest, a.fate]);
    expect(fates).toHaveLength(4);
    expect(fates).toEqual(
      expect.arrayContaining([
        ['1.0', image.digest, 'SKIP'],
        [signature.tag, signature.digest, 'SKIP'],
        [null, sbomDigest, 'SKIP'],
        ['2.0', unsigned.digest, 'SKIP'],
      ]),
    );
    type Check = { status: string; inSync: number; missing: number; different: number; extra: number };
    const check = dataOf(await api.post<Check>(`${dist}/verify/${projectId}/${repoName}/signed_to_registry`));
    expect(check).toMatchObject({ status: 'DONE', inSync: 4, missing: 0, different: 0, extra: 0 });
  });

  it('adds a second referrer to the fallback index it finds, keeping the first', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    const name = `${projectId}/${repoName}/app`;
    const { image, sbomDigest } = await pushSignedImage(name);
    // An index the target has already (docker-registry checks that its entries exist, so it lists
    // the image itself) keeps its entry when Ferry adds the SBOM.
    await pushRegistryImageCopy(name, 'kept/app', image.digest);
    const put = await fetch(`${registry.url}/v2/kept/app/manifests/${fallbackTag(image.digest)}`, {
      method: 'PUT',
      headers: { 'Content-Type': INDEX },
      body: JSON.stringify({
        schemaVersion: 2,
        mediaType: INDEX,
        manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: image.digest, size: image.manifest.length }],
      }),
    });
    expect(put.status).toBe(201);
    const config = await createConfig(projectId, repoName, {
      name: 'into_existing',
      registry: `http://${registry.host}/kept`,
      replicaType: 'SCHEDULED',
      packageConstraints: [{ packageName: 'app', versions: ['1.0'] }],
      setting: { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } },
    });
    const run = await runConfigToEnd(projectId, repoName, 'into_existing', config.taskKey);
    expect(run.status).toBe('SUCCESS');
    const index = JSON.parse((await registryManifest('kept/app', fallbackTag(image.digest))).body) as Index;
    expect(index.manifests.map((m) => m.digest)).toEqual([image.digest, sbomDigest]);
  });

  it('refuses to overwrite a fallback tag that is not an index, failing only the referrer', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    const name = `${projectId}/${repoName}/app`;
    const { image, sbomDigest } = await pushSignedImage(name);
    // The fallback tag already names the image manifest itself: not a referrers index.
    await pushRegistryImageCopy(name, 'clash/app', image.digest, fallbackTag(image.digest));
    const config = await createConfig(projectId, repoName, {
      name: 'clashing',
      registry: `http://${registry.host}/clash`,
      replicaType: 'SCHEDULED',
      packageConstraints: [{ packageName: 'app', versions: ['1.0'] }],
      setting: { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' }, errorStrategy: 'CONTINUE' },
    });
    const run = await runConfigToEnd(projectId, repoName, 'clashing', config.taskKey);
    expect(run.progress).toMatchObject({ totalItems: 3, failedItems: 1 });
    const failed = (await detailsOf(run.id)).filter((d) => d.status === 'FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.subjectDigest).toBe(image.digest);
    expect(failed[0]?.errorReason).toContain('not the referrers index');
    expect(await registryTagDigest(registry, 'clash/app', fallbackTag(image.digest))).toBe(image.digest);

    // Once the tag holds an index, a retry of the failed row pushes it as a referrer again.
    const fixed = await fetch(`${registry.url}/v2/clash/app/manifests/${fallbackTag(image.digest)}`, {
      method: 'PUT',
      headers: { 'Content-Type': INDEX },
      body: JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: [] }),
    });
    expect(fixed.status).toBe(201);
    const { id: retryId } = dataOf(await api.post<{ id: string }>(`/replication/api/execution/retry/${run.id}`));
    await expect
      .poll(async () => dataOf(await api.get<Status>(`/replication/api/execution/info/${retryId}`)).status, { timeout: 20_000 })
      .toBe('SUCCESS');
    expect((await detailsOf(retryId)).map((d) => [d.digest, d.subjectDigest, d.artifactType])).toEqual([[sbomDigest, image.digest, SPDX]]);
    const index = JSON.parse((await registryManifest('clash/app', fallbackTag(image.digest))).body) as Index;
    expect(index.manifests.map((m) => m.digest)).toEqual([sbomDigest]);
  });
});

/** Copies the image (blobs and manifest) straight from Ferry into the registry, tagged `tag`. */
async function pushRegistryImageCopy(name: string, repo: string, digest: string, tag = 'seed') {
  const source = ociClient(ferry.url);
  const manifest = Buffer.from(await (await source.call(`/v2/${name}/manifests/${digest}`)).arrayBuffer());
  const parsed = JSON.parse(manifest.toString()) as { config: { digest: string }; layers: Array<{ digest: string }> };
  for (const blob of [parsed.config, ...parsed.layers]) {
    const bytes = Buffer.from(await (await source.call(`/v2/${name}/blobs/${blob.digest}`)).arrayBuffer());
    const start = await fetch(`${registry.url}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    const location = new URL(start.headers.get('location') ?? '', registry.url);
    location.searchParams.set('digest', blob.digest);
    const put = await fetch(location, {
      method: 'PUT',
      body: new Uint8Array(bytes),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(put.status).toBe(201);
  }
  const put = await fetch(`${registry.url}/v2/${repo}/manifests/${tag}`, {
    method: 'PUT',
    body: new Uint8Array(manifest),
    headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
  });
  expect(put.status).toBe(201);
}

describe('referrers to a peer Ferry (referrers API)', () => {
  async function peerTarget(remoteRepoName: string) {
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
    return { clusterId: cluster.id, remoteProjectId: uniqueRemote, remoteRepoName };
  }
  const uniqueRemote = `peer${randomBytes(3).toString('hex')}`;
  const peerOci = () => ociClient(peer.url, basicAuth('admin', PEER_PASSWORD));

  it('pushes the SBOM with its subject, so the peer lists it; no fallback tag is made', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    const { image, sbomDigest, signature } = await pushSignedImage(`${projectId}/${repoName}/app`);
    const config = await createConfig(projectId, repoName, {
      name: 'signed_to_peer',
      ...(await peerTarget('mirror')),
      replicaType: 'SCHEDULED',
      packageConstraints: [{ packageName: 'app', versions: ['1.0'] }],
      setting: { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } },
    });
    const first = await runConfigToEnd(projectId, repoName, 'signed_to_peer', config.taskKey);
    expect(first).toMatchObject({ status: 'SUCCESS' });
    expect(first.progress).toMatchObject({ totalItems: 3, doneItems: 3 });
    const peerName = `${uniqueRemote}/mirror/app`;
    const referrers = await peerOci().call(`/v2/${peerName}/referrers/${image.digest}`);
    expect(referrers.status).toBe(200);
    const listed = (await referrers.json()) as Index;
    expect(listed.manifests).toEqual([expect.objectContaining({ digest: sbomDigest, artifactType: SPDX })]);
    const filtered = await peerOci().call(`/v2/${peerName}/referrers/${image.digest}?artifactType=${encodeURIComponent('text/plain')}`);
    expect(filtered.headers.get('oci-filters-applied')).toBe('artifactType');
    expect(((await filtered.json()) as Index).manifests).toEqual([]);
    expect((await peerOci().call(`/v2/${peerName}/manifests/${fallbackTag(image.digest)}`, { method: 'HEAD' })).status).toBe(404);
    const sig = await peerOci().call(`/v2/${peerName}/manifests/${signature.tag}`, { method: 'HEAD' });
    expect(sig.headers.get('docker-content-digest')).toBe(signature.digest);

    const again = await runConfigToEnd(projectId, repoName, 'signed_to_peer', config.taskKey);
    expect(again.progress).toMatchObject({ totalItems: 3, doneItems: 3, doneBytes: 0 });
  });

  it('distributes a signature pushed after its image in real time, without copying the image again', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    const name = `${projectId}/${repoName}/live`;
    const config = await createConfig(projectId, repoName, {
      name: 'live_signed',
      ...(await peerTarget('live')),
      replicaType: 'REAL_TIME',
    });
    const image = await ociClient(ferry.url).pushImage(name, 'v1', 5000);
    const peerName = `${uniqueRemote}/live/live`;
    const headTag = async (tag: string) =>
      (await peerOci().call(`/v2/${peerName}/manifests/${tag}`, { method: 'HEAD' })).headers.get('docker-content-digest');
    await expect.poll(() => headTag('v1'), { timeout: 15_000 }).toBe(image.digest);
    const signature = await pushCosignSignature(name, image.digest);
    await expect.poll(() => headTag(signature.tag), { timeout: 15_000 }).toBe(signature.digest);
    // An SBOM attached by digest afterwards (a REFERRER_CREATED event) reaches the peer's referrers API.
    const sbomDigest = await attachSbom(name, image.digest, image.manifest.length);
    await expect
      .poll(
        async () =>
          ((await (await peerOci().call(`/v2/${peerName}/referrers/${image.digest}`)).json()) as Index).manifests.map((m) => m.digest),
        {
          timeout: 15_000,
        },
      )
      .toEqual([sbomDigest]);
    // Each referrer joined as a row of its subject; the image was copied once.
    await expect
      .poll(
        async () => {
          const all = await runs(config.taskKey);
          const rows = (await Promise.all(all.map((run) => detailsOf(run.id)))).flat();
          return rows.map((row) => [row.version, row.subjectDigest]).sort();
        },
        { timeout: 15_000 },
      )
      .toEqual([
        [null, image.digest],
        [signature.tag, image.digest],
        ['v1', null],
      ]);
  });
});

describe('the referrers API of Ferry itself', () => {
  it('answers an empty index for an unknown subject or another digest algorithm, and 400 for a malformed digest', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    const name = `${projectId}/${repoName}/app`;
    const oci = ociClient(ferry.url);
    await oci.pushImage(name, '1.0');
    const unknown = await oci.call(`/v2/${name}/referrers/sha256:${'0'.repeat(64)}`);
    expect(unknown.status).toBe(200);
    expect(unknown.headers.get('content-type')).toBe(INDEX);
    expect(await unknown.json()).toEqual({ schemaVersion: 2, mediaType: INDEX, manifests: [] });
    expect((await oci.call(`/v2/${name}/referrers/sha512:${'0'.repeat(128)}`)).status).toBe(200);
    const malformed = await oci.call(`/v2/${name}/referrers/sha256:nothex`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('DIGEST_INVALID');
    expect((await oci.call(`/v2/${name}/referrers/sha256:${'0'.repeat(64)}`, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses an artifactType filter that is no media type (NUL, huge, wrong shape) with 400', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    const name = `${projectId}/${repoName}/app`;
    const oci = ociClient(ferry.url);
    const image = await oci.pushImage(name, '1.0');
    for (const bad of ['application/spdx\0+json', `application/${'x'.repeat(5000)}`, 'spdx', 'a/b/c', '../etc']) {
      const response = await oci.call(`/v2/${name}/referrers/${image.digest}?artifactType=${encodeURIComponent(bad)}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Array<{ code: string; message: string }> };
      expect(body.errors[0]?.message).toContain('artifactType');
    }
    const ok = await oci.call(`/v2/${name}/referrers/${image.digest}?artifactType=${encodeURIComponent(SPDX)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('oci-filters-applied')).toBe('artifactType');
  });
});
