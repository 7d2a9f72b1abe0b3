import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth, uniqueName } from '../support/harness';
import { adminAuth, errorCodeOf, imageManifest, ociClient, sha256Digest } from '../support/oci-client';
import { serverBlobs } from '../support/server-blobs';

let server: FerryServer;
let oci: ReturnType<typeof ociClient>;
let name: string;
let projectId: string;
let repoName: string;

beforeAll(async () => {
  server = await startFerry();
  oci = ociClient(server.url);
  ({ projectId, repoName } = await createProjectWithRepo(apiClient(server.url)));
  name = `${projectId}/${repoName}/app`;
});
afterAll(() => server?.stop());

const storedBlobs = () => serverBlobs(server).stored();

describe('OCI base endpoint and authentication', () => {
  it('answers GET /v2/ with 200 and the API version header when signed in', async () => {
    const response = await oci.call('/v2/');
    expect(response.status).toBe(200);
    expect(response.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  });

  it('challenges anonymous callers with Basic and the spec error body', async () => {
    const response = await oci.call('/v2/', { auth: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="ferry"/);
    expect(await errorCodeOf(response)).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong password with 401 even on a pull', async () => {
    const response = await oci.call(`/v2/${name}/tags/list`, { auth: basicAuth('admin', 'wrong-password') });
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe('UNAUTHORIZED');
  });

  it('lets anonymous callers pull from a public repository but not push to it', async () => {
    const api = apiClient(server.url);
    const publicProject = uniqueName('pub');
    dataOf(await api.post('/repository/api/project/create', { name: publicProject, displayName: publicProject }));
    dataOf(await api.post('/repository/api/repo/create', { projectId: publicProject, name: 'open', type: 'DOCKER', public: true }));
    const image = `${publicProject}/open/tool`;
    const pushed = await oci.pushImage(image, 'v1');
    const emptyBasic = `Basic ${Buffer.from(':').toString('base64')}`;
    for (const auth of [null, emptyBasic]) {
      const manifest = await oci.call(`/v2/${image}/manifests/v1`, {
        auth,
        headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
      });
      expect(manifest.status).toBe(200);
      expect(manifest.headers.get('docker-content-digest')).toBe(pushed.digest);
      const blob = await oci.call(`/v2/${image}/blobs/${pushed.layerDigest}`, { auth });
      expect(blob.status).toBe(200);
    }
    const push = await oci.call(`/v2/${image}/blobs/uploads/`, { method: 'POST', auth: null });
    expect(push.status).toBe(401);
    expect(push.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('challenges anonymous pulls from a private repository', async () => {
    await oci.pushImage(name, 'private');
    const response = await oci.call(`/v2/${name}/manifests/private`, { auth: null });
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe('UNAUTHORIZED');
  });
});

describe('OCI names', () => {
  it('answers NAME_UNKNOWN for unknown projects, repositories and GENERIC repositories', async () => {
    const generic = await createProjectWithRepo(apiClient(server.url), 'GENERIC');
    for (const unknown of [
      `nosuchproject/${repoName}/app`,
      `${projectId}/nosuchrepo/app`,
      `${generic.projectId.toLowerCase()}/${generic.repoName.toLowerCase()}/app`,
    ]) {
      const response = await oci.call(`/v2/${unknown}/tags/list`);
      expect(response.status, unknown).toBe(404);
      expect(await errorCodeOf(response)).toBe('NAME_UNKNOWN');
    }
  });

  it('rejects invalid and traversal-like names with NAME_INVALID', async () => {
    for (const bad of [
      `${projectId}/${repoName}/App`,
      `${projectId}/${repoName}/%2e%2e/x`,
      `${projectId}/${repoName}/a%2F..`,
      `${projectId}/${repoName}/-x`,
      `${projectId}/${repoName}`,
      `${projectId}/${repoName}/a..b`,
    ]) {
      const response = await oci.call(`/v2/${bad}/manifests/latest`);
      expect(response.status, bad).toBe(400);
      expect(await errorCodeOf(response), bad).toBe('NAME_INVALID');
    }
  });
});

describe('OCI blob uploads', () => {
  it('pushes a blob in one POST with ?digest= and serves it whole and by range', async () => {
    const bytes = randomBytes(5000);
    const digest = sha256Digest(bytes);
    const post = await oci.call(`/v2/${name}/blobs/uploads/?digest=${digest}`, { method: 'POST', body: bytes });
    expect(post.status).toBe(201);
    expect(post.headers.get('docker-content-digest')).toBe(digest);
    expect(post.headers.get('location')).toBe(`/v2/${name}/blobs/${digest}`);
    const head = await oci.call(`/v2/${name}/blobs/${digest}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('5000');
    const get = await oci.call(`/v2/${name}/blobs/${digest}`);
    expect(get.headers.get('content-length')).toBe('5000');
    expect(get.headers.get('docker-content-digest')).toBe(digest);
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await oci.call(`/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/5000');
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const beyond = await oci.call(`/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=6000-' } });
    expect(beyond.status).toBe(416);
  });

  it('answers BLOB_UNKNOWN for a blob that is not in this image, even if another image has it', async () => {
    const digest = await oci.pushBlob(name, randomBytes(100));
    const other = await oci.call(`/v2/${projectId}/${repoName}/other/blobs/${digest}`);
    expect(other.status).toBe(404);
    expect(await errorCodeOf(other)).toBe('BLOB_UNKNOWN');
    const head = await oci.call(`/v2/${projectId}/${repoName}/other/blobs/${digest}`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });

  it('uploads in chunks with Content-Range, reports progress, and closes with PUT ?digest=', async () => {
    const bytes = randomBytes(3000);
    const digest = sha256Digest(bytes);
    const start = await oci.call(`/v2/${name}/blobs/uploads/`, { method: 'POST' });
    expect(start.status).toBe(202);
    const uuid = start.headers.get('docker-upload-uuid');
    const location = start.headers.get('location') ?? '';
    expect(location).toBe(`/v2/${name}/blobs/uploads/${uuid}`);
    const first = await oci.call(location, {
      method: 'PATCH',
      body: bytes.subarray(0, 1000),
      headers: { 'Content-Range': '0-999', 'Content-Type': 'application/octet-stream' },
    });
    expect(first.status).toBe(202);
    expect(first.headers.get('range')).toBe('0-999');
    const status = await oci.call(location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-999');
    const second = await oci.call(location, {
      method: 'PATCH',
      body: bytes.subarray(1000, 2000),
      headers: { 'Content-Range': '1000-1999' },
    });
    expect(second.headers.get('range')).toBe('0-1999');
    const put = await oci.call(`${location}?digest=${digest}`, {
      method: 'PUT',
      body: bytes.subarray(2000),
      headers: { 'Content-Range': '2000-2999' },
    });
    expect(put.status).toBe(201);
    const get = await oci.call(`/v2/${name}/blobs/${digest}`);
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes)).toBe(true);
    const closed = await oci.call(location);
    expect(closed.status).toBe(404);
    expect(await errorCodeOf(closed)).toBe('BLOB_UPLOAD_UNKNOWN');
  });

  it('refuses an out-of-order chunk with 416 and the current Range, keeping what was received', async () => {
    const start = await oci.call(`/v2/${name}/blobs/uploads/`, { method: 'POST' });
    const location = start.headers.get('location') ?? '';
    await oci.call(location, { method: 'PATCH', body: randomBytes(100), headers: { 'Content-Range': '0-99' } });
    const gap = await oci.call(location, { method: 'PATCH', body: randomBytes(100), headers: { 'Content-Range': '200-299' } });
    expect(gap.status).toBe(416);
    expect(gap.headers.get('range')).toBe('0-99');
    expect(await errorCodeOf(gap)).toBe('BLOB_UPLOAD_INVALID');
    const status = await oci.call(location);
    expect(status.headers.get('range')).toBe('0-99');
  });

  it('rejects a wrong digest with DIGEST_INVALID and stores nothing', async () => {
    const bytes = randomBytes(2048);
    const realHex = sha256Digest(bytes).slice(7);
    const wrong = sha256Digest('something else');
    const monolithic = await oci.call(`/v2/${name}/blobs/uploads/?digest=${wrong}`, { method: 'POST', body: bytes });
    expect(monolithic.status).toBe(400);
    expect(await errorCodeOf(monolithic)).toBe('DIGEST_INVALID');
    const start = await oci.call(`/v2/${name}/blobs/uploads/`, { method: 'POST' });
    const location = start.headers.get('location') ?? '';
    const put = await oci.call(`${location}?digest=${wrong}`, { method: 'PUT', body: bytes });
    expect(put.status).toBe(400);
    expect(await errorCodeOf(put)).toBe('DIGEST_INVALID');
    expect(await storedBlobs()).not.toContain(realHex);
    expect(await storedBlobs()).not.toContain(wrong.slice(7));
    const head = await oci.call(`/v2/${name}/blobs/${wrong}`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    const malformed = await oci.call(`/v2/${name}/blobs/uploads/?digest=sha256:xyz`, { method: 'POST', body: bytes });
    expect(await errorCodeOf(malformed)).toBe('DIGEST_INVALID');
  });

  it('keeps nothing of a chunk whose connection drops before Content-Length bytes arrive', async () => {
    const start = await oci.call(`/v2/${name}/blobs/uploads/`, { method: 'POST' });
    const location = start.headers.get('location') ?? '';
    await oci.call(location, { method: 'PATCH', body: randomBytes(10), headers: { 'Content-Range': '0-9' } });
    const { port } = new URL(server.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `PATCH ${location} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${adminAuth()}\r\nContent-Range: 10-1009\r\nContent-Length: 1000\r\n\r\n`,
        );
        socket.write(randomBytes(400), () => setTimeout(() => socket.destroy(), 300));
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const status = await oci.call(location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-9');
  });

  it('cancels an upload with DELETE', async () => {
    const start = await oci.call(`/v2/${name}/blobs/uploads/`, { method: 'POST' });
    const location = start.headers.get('location') ?? '';
    expect((await oci.call(location, { method: 'DELETE' })).status).toBe(204);
    const after = await oci.call(location, { method: 'PATCH', body: 'x' });
    expect(after.status).toBe(404);
    expect(await errorCodeOf(after)).toBe('BLOB_UPLOAD_UNKNOWN');
  });

  it('mounts a blob from another image with 201, and falls back to a session when the source lacks it', async () => {
    const digest = await oci.pushBlob(name, randomBytes(700));
    const target = `${projectId}/${repoName}/mounted`;
    const mount = await oci.call(`/v2/${target}/blobs/uploads/?mount=${digest}&from=${name}`, { method: 'POST' });
    expect(mount.status).toBe(201);
    expect(mount.headers.get('location')).toBe(`/v2/${target}/blobs/${digest}`);
    expect((await oci.call(`/v2/${target}/blobs/${digest}`, { method: 'HEAD' })).status).toBe(200);
    const missing = sha256Digest('not pushed anywhere');
    const fallback = await oci.call(`/v2/${target}/blobs/uploads/?mount=${missing}&from=${name}`, { method: 'POST' });
    expect(fallback.status).toBe(202);
    expect(fallback.headers.get('location')).toMatch(new RegExp(`^/v2/${target}/blobs/uploads/`));
  });
});

describe('OCI manifests', () => {
  it('refuses a manifest that refers to a missing blob with MANIFEST_BLOB_UNKNOWN', async () => {
    const config = await oci.pushBlob(name, Buffer.from('{}'));
    const manifest = imageManifest({ digest: config, size: 2 }, [{ digest: sha256Digest('absent layer'), size: 12 }]);
    const response = await oci.putManifest(name, 'broken', manifest);
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('MANIFEST_BLOB_UNKNOWN');
    expect((await oci.call(`/v2/${name}/manifests/broken`)).status).toBe(404);
  });

  it('refuses an index whose child manifest is not in the image', async () => {
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256Digest('nope'), size: 10 }],
    });
    const response = await oci.putManifest(name, 'idx', index, 'application/vnd.oci.image.index.v1+json');
    expect(await errorCodeOf(response)).toBe('MANIFEST_BLOB_UNKNOWN');
  });

  it('rejects Docker schema 1 manifests', async () => {
    const schema1 = JSON.stringify({ schemaVersion: 1, name, tag: 'old', fsLayers: [], history: [] });
    const response = await oci.putManifest(name, 'old', schema1, 'application/vnd.docker.distribution.manifest.v1+prettyjws');
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('MANIFEST_INVALID');
  });

  it('rejects malformed manifests and a Content-Type that disagrees with mediaType', async () => {
    expect(await errorCodeOf(await oci.putManifest(name, 'bad', 'not json'))).toBe('MANIFEST_INVALID');
    expect(await errorCodeOf(await oci.putManifest(name, 'bad', JSON.stringify({ schemaVersion: 2, layers: 'x' })))).toBe(
      'MANIFEST_INVALID',
    );
    const pushed = await oci.pushImage(name, 'typed');
    const mismatch = await oci.putManifest(name, 'typed2', pushed.manifest, 'application/vnd.oci.image.index.v1+json');
    expect(await errorCodeOf(mismatch)).toBe('MANIFEST_INVALID');
  });

  it('refuses manifests over 4 MiB with 413', async () => {
    const huge = Buffer.alloc(4 * 1024 * 1024 + 10, 0x20);
    const response = await oci.putManifest(name, 'huge', huge);
    expect(response.status).toBe(413);
    expect(await errorCodeOf(response)).toBe('SIZE_INVALID');
  });

  it('accepts a push by digest, refuses one whose digest does not match, and keeps the bytes unchanged', async () => {
    const pushed = await oci.pushImage(name, 'base');
    // Same content re-serialised with extra whitespace: a new digest, bytes preserved.
    const pretty = Buffer.from(JSON.stringify(JSON.parse(pushed.manifest.toString()), null, 3));
    const digest = sha256Digest(pretty);
    const byDigest = await oci.putManifest(name, digest, pretty);
    expect(byDigest.status).toBe(201);
    expect(byDigest.headers.get('docker-content-digest')).toBe(digest);
    const get = await oci.call(`/v2/${name}/manifests/${digest}`);
    expect(get.headers.get('content-type')).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(Buffer.from(await get.arrayBuffer()).equals(pretty)).toBe(true);
    const wrong = await oci.putManifest(name, sha256Digest('other'), pretty);
    expect(wrong.status).toBe(400);
    expect(await errorCodeOf(wrong)).toBe('DIGEST_INVALID');
  });

  it('serves HEAD with digest, type and length, and MANIFEST_UNKNOWN for unknown tags', async () => {
    const pushed = await oci.pushImage(name, 'headme');
    const head = await oci.call(`/v2/${name}/manifests/headme`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('docker-content-digest')).toBe(pushed.digest);
    expect(head.headers.get('content-length')).toBe(String(pushed.manifest.length));
    const unknown = await oci.call(`/v2/${name}/manifests/nosuchtag`);
    expect(unknown.status).toBe(404);
    expect(await errorCodeOf(unknown)).toBe('MANIFEST_UNKNOWN');
  });

  it('deletes a tag alone, or a manifest by digest with its tags', async () => {
    const pushed = await oci.pushImage(name, 'gone1');
    await oci.putManifest(name, 'gone2', pushed.manifest);
    expect((await oci.call(`/v2/${name}/manifests/gone1`, { method: 'DELETE' })).status).toBe(202);
    expect((await oci.call(`/v2/${name}/manifests/gone1`)).status).toBe(404);
    expect((await oci.call(`/v2/${name}/manifests/${pushed.digest}`)).status).toBe(200);
    expect((await oci.call(`/v2/${name}/manifests/${pushed.digest}`, { method: 'DELETE' })).status).toBe(202);
    expect((await oci.call(`/v2/${name}/manifests/gone2`)).status).toBe(404);
    expect((await oci.call(`/v2/${name}/manifests/${pushed.digest}`)).status).toBe(404);
  });

  it('lists referrers of a manifest by subject and artifactType', async () => {
    const subject = await oci.pushImage(name, 'signed');
    const config = await oci.pushBlob(name, Buffer.from('{}'));
    const signature = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.example.signature',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: config, size: 2 },
        layers: [],
        subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subject.digest, size: subject.manifest.length },
      }),
    );
    const put = await oci.putManifest(name, sha256Digest(signature), signature);
    expect(put.status).toBe(201);
    expect(put.headers.get('oci-subject')).toBe(subject.digest);
    const referrers = await oci.call(`/v2/${name}/referrers/${subject.digest}?artifactType=application/vnd.example.signature`);
    expect(referrers.headers.get('oci-filters-applied')).toBe('artifactType');
    const index = (await referrers.json()) as { manifests: Array<{ digest: string; artifactType: string }> };
    expect(index.manifests).toEqual([
      expect.objectContaining({ digest: sha256Digest(signature), artifactType: 'application/vnd.example.signature' }),
    ]);
  });
});

describe('OCI tag listing', () => {
  it('pages tags in lexical order with n, last and a Link header', async () => {
    const image = `${projectId}/${repoName}/paged`;
    const pushed = await oci.pushImage(image, 'b');
    for (const tag of ['a', 'C', 'c', 'd']) await oci.putManifest(image, tag, pushed.manifest);
    const all = await oci.call(`/v2/${image}/tags/list`);
    expect(await all.json()).toEqual({ name: image, tags: ['C', 'a', 'b', 'c', 'd'] });
    const first = await oci.call(`/v2/${image}/tags/list?n=2`);
    expect((await first.json()).tags).toEqual(['C', 'a']);
    const link = first.headers.get('link') ?? '';
    expect(link).toBe(`</v2/${image}/tags/list?n=2&last=a>; rel="next"`);
    const second = await oci.call(link.slice(1, link.indexOf('>')));
    expect((await second.json()).tags).toEqual(['b', 'c']);
    const third = await oci.call(`/v2/${image}/tags/list?n=2&last=c`);
    expect((await third.json()).tags).toEqual(['d']);
    expect(third.headers.get('link')).toBeNull();
    const bad = await oci.call(`/v2/${image}/tags/list?n=-1`);
    expect(bad.status).toBe(400);
  });
});
