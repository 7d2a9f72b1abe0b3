import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../lib/db/client';
import { listImages, listImageTags, resolveManifest } from '../../lib/oci/queries';
import { apiClient, dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { ociClient, sha256Digest } from '../support/oci-client';

let server: FerryServer;
let api: ReturnType<typeof apiClient>;
let oci: ReturnType<typeof ociClient>;
let base: string;

beforeAll(async () => {
  server = await startFerry();
  api = apiClient(server.url);
  oci = ociClient(server.url);
  const { projectId, repoName } = await createProjectWithRepo(api);
  base = `${projectId}/${repoName}`;
});
afterAll(() => server?.stop());

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

type Summary = { name: string; key: string; latest: string; versions: number };
type Version = { name: string; size: number; digest: string; mediaType: string; platforms: unknown[] };

describe('package and version API for DOCKER repositories', () => {
  it('lists pushed images as packages with bk-repo fields, filtered by name and paged', async () => {
    const [projectId, repoName] = base.split('/');
    await oci.pushImage(`${base}/web`, '1.0');
    const latest = await oci.pushImage(`${base}/web`, '1.1');
    await oci.pushImage(`${base}/tools/cli`, 'v1');
    const page = dataOf(
      await api.get<{ records: Summary[] } & Record<string, unknown>>(`/repository/api/package/page/${base}?pageNumber=1&pageSize=10`),
    );
    expect(page).toMatchObject({ pageNumber: 1, pageSize: 10, totalRecords: 2, totalPages: 1 });
    expect(page.records.map((r) => r.name)).toEqual(['tools/cli', 'web']);
    const web = page.records[1];
    expect(web).toEqual({
      projectId,
      repoName,
      name: 'web',
      key: 'docker://web',
      type: 'DOCKER',
      latest: '1.1',
      versions: 2,
      downloads: 0,
      description: null,
      versionTag: {},
      extension: {},
      historyVersion: [],
      createdBy: 'admin',
      createdDate: expect.stringMatching(LOCAL_TIME),
      lastModifiedBy: 'admin',
      lastModifiedDate: expect.stringMatching(LOCAL_TIME),
    });
    const filtered = dataOf(
      await api.get<{ records: Summary[]; totalRecords: number }>(`/repository/api/package/page/${base}?packageName=cl`),
    );
    expect(filtered.records.map((r) => r.key)).toEqual(['docker://tools/cli']);
    const second = dataOf(
      await api.get<{ records: Summary[]; totalPages: number }>(`/repository/api/package/page/${base}?pageNumber=2&pageSize=1`),
    );
    expect(second.records.map((r) => r.name)).toEqual(['web']);
    expect(second.totalPages).toBe(2);

    const info = dataOf(await api.get<Summary>(`/repository/api/package/info/${base}?packageKey=docker://web`));
    expect(info).toMatchObject({ name: 'web', latest: '1.1', versions: 2 });

    const versions = dataOf(
      await api.get<{ records: Version[]; totalRecords: number }>(`/repository/api/version/page/${base}?packageKey=docker://web`),
    );
    expect(versions.totalRecords).toBe(2);
    expect(versions.records[0]).toEqual({
      name: '1.1',
      size: latest.contentSize,
      digest: latest.digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      platforms: [],
      downloads: 0,
      stageTag: [],
      tags: [],
      metadata: {},
      extension: {},
      createdBy: 'admin',
      createdDate: expect.stringMatching(LOCAL_TIME),
      lastModifiedBy: 'admin',
      lastModifiedDate: expect.stringMatching(LOCAL_TIME),
    });

    const detail = dataOf(
      await api.get<Version & { references: Array<{ digest: string; kind: string }> }>(
        `/repository/api/version/detail/${base}?packageKey=docker://web&version=1.1`,
      ),
    );
    expect(detail.digest).toBe(latest.digest);
    expect(detail.references.map((r) => `${r.kind} ${r.digest}`).sort()).toEqual(
      [`config ${latest.configDigest}`, `layer ${latest.layerDigest}`].sort(),
    );
  });

  it('sums the children of a Docker manifest list and reports its platforms', async () => {
    const amd = await oci.pushImage(`${base}/multi`, 'amd', 3000);
    const arm = await oci.pushImage(`${base}/multi`, 'arm', 5000);
    const list = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: amd.digest,
          size: amd.manifest.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: arm.digest,
          size: arm.manifest.length,
          platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
        },
      ],
    });
    const put = await oci.putManifest(`${base}/multi`, 'all', list, 'application/vnd.docker.distribution.manifest.list.v2+json');
    expect(put.status).toBe(201);
    const version = dataOf(await api.get<Version>(`/repository/api/version/detail/${base}?packageKey=docker://multi&version=all`));
    expect(version.size).toBe(amd.contentSize + arm.contentSize);
    expect(version.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(version.platforms).toEqual([
      { os: 'linux', architecture: 'amd64', variant: null, digest: amd.digest },
      { os: 'linux', architecture: 'arm', variant: 'v7', digest: arm.digest },
    ]);
    const get = await oci.call(`/v2/${base}/multi/manifests/all`);
    expect(get.headers.get('content-type')).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(get.headers.get('docker-content-digest')).toBe(sha256Digest(list));
  });

  it('deletes a version (the tag only) and a package (all tags and manifests)', async () => {
    const one = await oci.pushImage(`${base}/gone`, 'one');
    await oci.pushImage(`${base}/gone`, 'two');
    dataOf(await api.delete(`/repository/api/version/delete/${base}?packageKey=docker://gone&version=one`));
    expect((await oci.call(`/v2/${base}/gone/manifests/one`)).status).toBe(404);
    expect((await oci.call(`/v2/${base}/gone/manifests/${one.digest}`)).status).toBe(200);
    const again = await api.delete(`/repository/api/version/delete/${base}?packageKey=docker://gone&version=one`);
    expect(again.status).toBe(404);
    expect(again.body.message).toContain('one');

    dataOf(await api.delete(`/repository/api/package/delete/${base}?packageKey=docker://gone`));
    expect((await oci.call(`/v2/${base}/gone/manifests/${one.digest}`)).status).toBe(404);
    expect((await oci.call(`/v2/${base}/gone/blobs/${one.layerDigest}`)).status).toBe(404);
    const info = await api.get(`/repository/api/package/info/${base}?packageKey=docker://gone`);
    expect(info.status).toBe(404);
    expect(info.body.code).toBe(250108);
  });

  it('names the field when packageKey is missing or malformed, and the repository when unknown', async () => {
    const missing = await api.get(`/repository/api/version/page/${base}`);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('packageKey');
    const malformed = await api.get(`/repository/api/package/info/${base}?packageKey=web`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('packageKey');
    const badPage = await api.get(`/repository/api/package/page/${base}?pageSize=0`);
    expect(badPage.status).toBe(400);
    expect(badPage.body.message).toContain('pageSize');
    const unknownRepo = await api.get(`/repository/api/package/page/${base.split('/')[0]}/nosuchrepo`);
    expect(unknownRepo.status).toBe(404);
    expect(unknownRepo.body.code).toBe(251006);
  });

  it('reads images, tags and manifests back for the replication runner', async () => {
    const [projectName = '', repoName = ''] = base.split('/');
    const pushed = await oci.pushImage(`${base}/runner/app`, 'r1', 1234);
    await oci.putManifest(`${base}/runner/app`, 'r0', pushed.manifest);
    await server.stop();
    const connection = await openConnection({ databaseUrl: server.env.DATABASE_URL, dataDir: server.dataDir });
    try {
      expect(await listImages(connection.db, { projectName, repoName })).toContain('runner/app');
      expect(await listImageTags(connection.db, { projectName, repoName, image: 'runner/app' })).toEqual(['r0', 'r1']);
      const resolved = await resolveManifest(connection.db, { projectName, repoName, image: 'runner/app', reference: 'r1' });
      expect(resolved).toEqual({
        digest: pushed.digest,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: pushed.manifest.length,
        referencedDigests: expect.arrayContaining([
          { digest: pushed.configDigest, kind: 'config', size: expect.any(Number) },
          { digest: pushed.layerDigest, kind: 'layer', size: 1234 },
        ]),
      });
      expect(await resolveManifest(connection.db, { projectName, repoName, image: 'runner/app', reference: pushed.digest })).toEqual(
        resolved,
      );
      expect(await resolveManifest(connection.db, { projectName, repoName, image: 'runner/app', reference: 'nope' })).toBeNull();
    } finally {
      await connection.close();
    }
  });
});
