import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { ADMIN_PASSWORD } from '../support/ferry-server';
import { basicAuth, uniqueName } from '../support/harness';
import { abortedUpload, rawRequest } from '../support/raw-http';
import { expectRefusal } from '../support/refusal';
import { serverBlobs } from '../support/server-blobs';

const ferry = ferryForFile();

const auth = { Authorization: basicAuth('admin', ADMIN_PASSWORD) };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

type Node = {
  projectId: string;
  repoName: string;
  path: string;
  name: string;
  fullPath: string;
  folder: boolean;
  size: number;
  sha256: string | null;
  md5: string | null;
  metadata: Record<string, string>;
  createdBy: string;
  createdDate: string;
  lastModifiedBy: string;
  lastModifiedDate: string;
};
type Envelope<T = unknown> = { code: number; message: string | null; data: T };

async function put(target: string, body: Buffer | string, headers: Record<string, string> = {}) {
  const response = await fetch(`${ferry.server.url}${target}`, {
    method: 'PUT',
    headers: { ...auth, ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Envelope<Node> };
}

async function get(target: string, headers: Record<string, string> = {}, method = 'GET') {
  const response = await fetch(`${ferry.server.url}${target}`, { method, headers: { ...auth, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const storedBlobs = () => serverBlobs(ferry.server).stored();
const inFlightFiles = () => serverBlobs(ferry.server).inFlight();

async function genericRepo(options: { public?: boolean } = {}) {
  const api = ferry.api;
  if (!options.public) return createProjectWithRepo(api, 'GENERIC');
  const projectId = uniqueName('proj');
  const repoName = uniqueName('repo');
  dataOf(await api.post('/repository/api/project/create', { name: projectId }));
  dataOf(await api.post('/repository/api/repo/create', { projectId, name: repoName, type: 'GENERIC', public: true }));
  return { projectId, repoName };
}

describe('upload and download', () => {
  it('round-trips a file and answers bk-repo NodeInfo with verified digests', async () => {
    const { projectId, repoName } = await genericRepo();
    const content = randomBytes(70_000);
    const uploaded = await put(`/generic/${projectId}/${repoName}/release/v1/app.bin`, content, {
      'X-BKREPO-SHA256': sha256(content),
      'X-BKREPO-MD5': md5(content).toUpperCase(),
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.code).toBe(0);
    expect(uploaded.body.data).toMatchObject({
      projectId,
      repoName,
      path: '/release/v1/',
      name: 'app.bin',
      fullPath: '/release/v1/app.bin',
      folder: false,
      size: content.length,
      sha256: sha256(content),
      md5: md5(content),
      metadata: {},
      createdBy: 'admin',
      lastModifiedBy: 'admin',
    });
    expect(uploaded.body.data.createdDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);

    const downloaded = await get(`/generic/${projectId}/${repoName}/release/v1/app.bin`);
    expect(downloaded.status).toBe(200);
    expect(sha256(downloaded.bytes)).toBe(sha256(content));
    expect(downloaded.headers.get('content-length')).toBe(String(content.length));
    expect(downloaded.headers.get('etag')).toBe(`"${sha256(content)}"`);
    expect(downloaded.headers.get('accept-ranges')).toBe('bytes');
    expect(new Date(downloaded.headers.get('last-modified') ?? '').getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(downloaded.headers.get('content-disposition')).toMatch(/^inline; filename="app.bin"/);
  });

  it('stores an empty file and serves it with length 0', async () => {
    const { projectId, repoName } = await genericRepo();
    const uploaded = await put(`/generic/${projectId}/${repoName}/empty.txt`, '');
    expect(uploaded.body.data).toMatchObject({ size: 0, sha256: sha256(Buffer.alloc(0)) });
    const downloaded = await get(`/generic/${projectId}/${repoName}/empty.txt`);
    expect([downloaded.status, downloaded.bytes.length, downloaded.headers.get('content-length')]).toEqual([200, 0, '0']);
  });

  it('sends Content-Disposition: attachment for ?download=true, with the name encoded', async () => {
    const { projectId, repoName } = await genericRepo();
    await put(`/generic/${projectId}/${repoName}/docs/${encodeURIComponent('résumé v2.pdf')}`, 'pdf');
    const downloaded = await get(`/generic/${projectId}/${repoName}/docs/${encodeURIComponent('résumé v2.pdf')}?download=true`);
    expect(downloaded.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ v2.pdf"; filename*=UTF-8''${encodeURIComponent('résumé v2.pdf')}`,
    );
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const { projectId, repoName } = await genericRepo();
    const content = randomBytes(1234);
    await put(`/generic/${projectId}/${repoName}/head.bin`, content);
    const head = await get(`/generic/${projectId}/${repoName}/head.bin`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    expect(head.headers.get('content-length')).toBe('1234');
    expect(head.headers.get('etag')).toBe(`"${sha256(content)}"`);
    expect(head.headers.get('x-checksum-md5')).toBe(md5(content));
    const missing = await get(`/generic/${projectId}/${repoName}/absent.bin`, {}, 'HEAD');
    expect(missing.status).toBe(404);
  });
});

describe('overwrite', () => {
  it('refuses to replace an existing file unless X-BKREPO-OVERWRITE is true', async () => {
    const { projectId, repoName } = await genericRepo();
    const target = `/generic/${projectId}/${repoName}/a.txt`;
    await put(target, 'first');
    const refused = await put(target, 'second');
    expectRefusal(refused, 409, 250107, 'X-BKREPO-OVERWRITE');
    expect((await get(target)).bytes.toString()).toBe('first');

    const replaced = await put(target, 'second', { 'X-BKREPO-OVERWRITE': 'true' });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data.sha256).toBe(sha256(Buffer.from('second')));
    expect((await get(target)).bytes.toString()).toBe('second');
  });

  it('refuses a file where a folder is and a file under a file', async () => {
    const { projectId, repoName } = await genericRepo();
    await put(`/generic/${projectId}/${repoName}/dir/inner.txt`, 'x');
    const onFolder = await put(`/generic/${projectId}/${repoName}/dir`, 'y', { 'X-BKREPO-OVERWRITE': 'true' });
    expectRefusal(onFolder, 409, 250107, 'is a folder');
    const underFile = await put(`/generic/${projectId}/${repoName}/dir/inner.txt/deeper`, 'z');
    expectRefusal(underFile, 409, 250107, '/dir/inner.txt');
  });

  it('rejects an X-BKREPO-OVERWRITE that is not a boolean', async () => {
    const { projectId, repoName } = await genericRepo();
    const response = await put(`/generic/${projectId}/${repoName}/a.txt`, 'x', { 'X-BKREPO-OVERWRITE': 'yes' });
    expectRefusal(response, 400, 250105, '[X-BKREPO-OVERWRITE]');
  });
});

describe('metadata', () => {
  it('takes X-BKREPO-META-{key} (lower-cased) and base64 X-BKREPO-META, and replaces it on overwrite', async () => {
    const { projectId, repoName } = await genericRepo();
    const target = `/generic/${projectId}/${repoName}/meta.txt`;
    const packed = Buffer.from('buildNo=42&branch=release%2F1.0').toString('base64');
    const uploaded = await put(target, 'm', { 'X-BKREPO-META-Commit-Id': 'abc123', 'X-BKREPO-META': packed });
    expect(uploaded.body.data.metadata).toEqual({ 'commit-id': 'abc123', buildNo: '42', branch: 'release/1.0' });
    const detail = dataOf(await ferry.api.get<Node>(`/repository/api/node/detail/${projectId}/${repoName}/meta.txt`));
    expect(detail.metadata).toEqual({ 'commit-id': 'abc123', buildNo: '42', branch: 'release/1.0' });

    const replaced = await put(target, 'n', { 'X-BKREPO-OVERWRITE': 'true', 'X-BKREPO-META-owner': 'ci' });
    expect(replaced.body.data.metadata).toEqual({ owner: 'ci' });
  });

  it('rejects an X-BKREPO-META that is not base64 of key=value pairs', async () => {
    const { projectId, repoName } = await genericRepo();
    const response = await put(`/generic/${projectId}/${repoName}/meta.txt`, 'm', { 'X-BKREPO-META': '!!not base64!!' });
    expectRefusal(response, 400, 250105, '[X-BKREPO-META]');
  });
});

describe('verification', () => {
  it.each([
    ['X-BKREPO-SHA256', (c: Buffer) => ({ 'X-BKREPO-SHA256': sha256(Buffer.concat([c, Buffer.from('x')])) })],
    ['X-BKREPO-MD5', (c: Buffer) => ({ 'X-BKREPO-MD5': md5(Buffer.concat([c, Buffer.from('x')])) })],
  ])('refuses a %s mismatch and stores nothing', async (header, headersFor) => {
    const { projectId, repoName } = await genericRepo();
    const content = randomBytes(50_000);
    const response = await put(`/generic/${projectId}/${repoName}/bad.bin`, content, headersFor(content));
    expectRefusal(response, 400, 250105, `[${header}]`);
    expect((await get(`/generic/${projectId}/${repoName}/bad.bin`)).status).toBe(404);
    expect(await storedBlobs()).not.toContain(sha256(content));
    expect(await inFlightFiles()).toEqual([]);
  });

  it('rejects a malformed digest header before reading the body', async () => {
    const { projectId, repoName } = await genericRepo();
    const response = await put(`/generic/${projectId}/${repoName}/bad.bin`, 'x', { 'X-BKREPO-SHA256': 'abc' });
    expectRefusal(response, 400, 250105);
    expect(response.body.message).toBe('Parameter [X-BKREPO-SHA256] is invalid: must be 64 hexadecimal characters');
  });

  it.each([
    ['with Content-Length', 200_000],
    ['chunked', undefined],
  ])('stores nothing when the client dies mid-upload (%s)', async (_, declaredBytes) => {
    const { projectId, repoName } = await genericRepo();
    const blobsBefore = await storedBlobs();
    await abortedUpload(ferry.server.url, {
      path: `/generic/${projectId}/${repoName}/cut.bin`,
      headers: auth,
      sentBytes: 100_000,
      declaredBytes,
    });
    // The ferry.server notices the reset asynchronously.
    await expect.poll(inFlightFiles, { timeout: 5000 }).toEqual([]);
    expect((await get(`/generic/${projectId}/${repoName}/cut.bin`)).status).toBe(404);
    expect(await storedBlobs()).toEqual(blobsBefore);
  });
});

describe('ranges', () => {
  const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''));
  let target: string;
  beforeAll(async () => {
    const { projectId, repoName } = await genericRepo();
    target = `/generic/${projectId}/${repoName}/ranged.txt`;
    await put(target, content);
  });

  it('answers a single range with 206 and Content-Range', async () => {
    const response = await get(target, { Range: 'bytes=10-19' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.bytes.toString()).toBe(content.subarray(10, 20).toString());
  });

  it('answers a suffix range with the last bytes and an open range to the end', async () => {
    const suffix = await get(target, { Range: 'bytes=-100' });
    expect([suffix.status, suffix.headers.get('content-range')]).toEqual([206, 'bytes 900-999/1000']);
    expect(suffix.bytes.equals(content.subarray(900))).toBe(true);
    const open = await get(target, { Range: 'bytes=995-' });
    expect([open.status, open.bytes.toString()]).toEqual([206, content.subarray(995).toString()]);
  });

  it('answers an unsatisfiable range with 416 and the current length', async () => {
    const response = await get(target, { Range: 'bytes=1000-1010' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */1000');
  });

  it('ignores a malformed range and serves the whole file', async () => {
    const response = await get(target, { Range: 'lines=1-2' });
    expect([response.status, response.bytes.length]).toEqual([200, 1000]);
  });
});

describe('delete', () => {
  it('deletes a file, then answers 404 for it', async () => {
    const { projectId, repoName } = await genericRepo();
    const target = `/generic/${projectId}/${repoName}/gone.txt`;
    await put(target, 'bye');
    const deleted = await fetch(`${ferry.server.url}${target}`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(200);
    expect(((await deleted.json()) as Envelope).code).toBe(0);
    expect((await get(target)).status).toBe(404);
    const again = await fetch(`${ferry.server.url}${target}`, { method: 'DELETE', headers: auth });
    expect([again.status, ((await again.json()) as Envelope).code]).toEqual([404, 250108]);
  });

  it('deletes a folder with everything beneath it and keeps its siblings', async () => {
    const { projectId, repoName } = await genericRepo();
    await put(`/generic/${projectId}/${repoName}/dir/a.txt`, 'a');
    await put(`/generic/${projectId}/${repoName}/dir/sub/b.txt`, 'b');
    await put(`/generic/${projectId}/${repoName}/dirx/c.txt`, 'c');
    const deleted = await fetch(`${ferry.server.url}/generic/${projectId}/${repoName}/dir`, { method: 'DELETE', headers: auth });
    expect(((await deleted.json()) as Envelope).data).toEqual({ deletedFiles: 2 });
    expect((await get(`/generic/${projectId}/${repoName}/dir/sub/b.txt`)).status).toBe(404);
    expect((await get(`/generic/${projectId}/${repoName}/dirx/c.txt`)).bytes.toString()).toBe('c');
  });
});

describe('paths', () => {
  it.each([
    ['/a/../b', "'.' or '..'"],
    ['/a/%2e%2e/b', "'.' or '..'"],
    ['/a/%2E%2E/b', "'.' or '..'"],
    ['/a/./b', "'.' or '..'"],
    ['/a/%00b', 'NUL'],
    ['/a\\b', '\\'],
    ['/a%5Cb', '\\'],
    ['/%zz', 'percent-encoding'],
  ])('refuses %s with 400 on upload and download', async (tail, reason) => {
    const { projectId, repoName } = await genericRepo();
    for (const method of ['PUT', 'GET']) {
      const response = await rawRequest(ferry.server.url, {
        method,
        path: `/generic/${projectId}/${repoName}${tail}`,
        headers: auth,
        body: method === 'PUT' ? 'x' : undefined,
      });
      expect(response.status).toBe(400);
      const body = JSON.parse(response.body.toString()) as Envelope;
      expect(body.code).toBe(250105);
      expect(body.message).toContain('Parameter [path] is invalid');
      expect(body.message).toContain(reason);
    }
    const listing = dataOf(await ferry.api.get<{ totalRecords: number }>(`/repository/api/node/page/${projectId}/${repoName}`));
    expect(listing.totalRecords).toBe(0);
  });

  it('refuses an upload to the repository root', async () => {
    const { projectId, repoName } = await genericRepo();
    const response = await put(`/generic/${projectId}/${repoName}`, 'x');
    expectRefusal(response, 400, 250105);
  });

  it('folds repeated slashes into one path', async () => {
    const { projectId, repoName } = await genericRepo();
    const response = await rawRequest(ferry.server.url, {
      method: 'PUT',
      path: `/generic/${projectId}/${repoName}/a//b.txt`,
      headers: auth,
      body: 'x',
    });
    expect(response.status).toBe(200);
    expect((JSON.parse(response.body.toString()) as Envelope<Node>).data.fullPath).toBe('/a/b.txt');
  });
});

describe('repositories and access', () => {
  it('answers 251006 for an unknown repository and 400 for a DOCKER one', async () => {
    const api = ferry.api;
    const { projectId } = await genericRepo();
    const unknown = await put(`/generic/${projectId}/nosuchrepo/a.txt`, 'x');
    expectRefusal(unknown, 404, 251006);
    const docker = await createProjectWithRepo(api, 'DOCKER');
    const refused = await put(`/generic/${docker.projectId}/${docker.repoName}/a.txt`, 'x');
    expectRefusal(refused, 400, 250105, 'DOCKER');
  });

  it('lets anonymous callers read public repositories only, and never write', async () => {
    const open = await genericRepo({ public: true });
    const closed = await genericRepo();
    await put(`/generic/${open.projectId}/${open.repoName}/pub.txt`, 'public');
    await put(`/generic/${closed.projectId}/${closed.repoName}/priv.txt`, 'private');

    const publicRead = await fetch(`${ferry.server.url}/generic/${open.projectId}/${open.repoName}/pub.txt`);
    expect([publicRead.status, await publicRead.text()]).toEqual([200, 'public']);
    const privateRead = await fetch(`${ferry.server.url}/generic/${closed.projectId}/${closed.repoName}/priv.txt`);
    expect(privateRead.status).toBe(401);
    expect(privateRead.headers.get('www-authenticate')).toContain('Basic');
    const unknownRead = await fetch(`${ferry.server.url}/generic/${closed.projectId}/nosuch/priv.txt`);
    expect(unknownRead.status).toBe(401);
    const anonymousWrite = await fetch(`${ferry.server.url}/generic/${open.projectId}/${open.repoName}/new.txt`, {
      method: 'PUT',
      body: 'x',
    });
    expect(anonymousWrite.status).toBe(401);
    const wrongPassword = await fetch(`${ferry.server.url}/generic/${open.projectId}/${open.repoName}/pub.txt`, {
      headers: { Authorization: basicAuth('admin', 'wrong-password') },
    });
    expect(wrongPassword.status).toBe(401);
  });
});

describe('events', () => {
  type Event = { id: number; type: string; projectId: string; repoName: string; path: string; digest: string; size: number; actor: string };

  it('records NODE_CREATED, NODE_OVERWRITTEN and NODE_DELETED with path, digest, size and actor', async () => {
    const api = ferry.api;
    const { projectId, repoName } = await genericRepo();
    const [latest] = dataOf(await api.get<Event[]>('/repository/api/admin/events?afterId=0&limit=1000')).slice(-1);
    const afterId = latest?.id ?? 0;
    const target = `/generic/${projectId}/${repoName}/ev/file.txt`;
    await put(target, 'one');
    await put(target, 'two', { 'X-BKREPO-OVERWRITE': 'true' });
    const refused = await put(target, 'three');
    expect(refused.status).toBe(409);
    await fetch(`${ferry.server.url}${target}`, { method: 'DELETE', headers: auth });

    const events = dataOf(await api.get<Event[]>(`/repository/api/admin/events?afterId=${afterId}`)).filter(
      (e) => e.projectId === projectId,
    );
    expect(events.map((e) => [e.type, e.repoName, e.path, e.digest, e.size, e.actor])).toEqual([
      ['NODE_CREATED', repoName, '/ev/file.txt', sha256(Buffer.from('one')), 3, 'admin'],
      ['NODE_OVERWRITTEN', repoName, '/ev/file.txt', sha256(Buffer.from('two')), 3, 'admin'],
      ['NODE_DELETED', repoName, '/ev/file.txt', sha256(Buffer.from('two')), 3, 'admin'],
    ]);
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
  });

  it('requires credentials to read events and validates afterId', async () => {
    const anonymous = await fetch(`${ferry.server.url}/repository/api/admin/events`);
    expect(anonymous.status).toBe(401);
    const bad = await ferry.api.get('/repository/api/admin/events?afterId=-1');
    expectRefusal(bad, 400, 250105, '[afterId]');
  });
});
