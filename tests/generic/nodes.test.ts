import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { ADMIN_PASSWORD, type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth } from '../support/harness';
import { expectRefusal } from '../support/refusal';

let server: FerryServer;
let projectId: string;
let repoName: string;

type Node = {
  name: string;
  fullPath: string;
  path: string;
  folder: boolean;
  size: number;
  sha256: string | null;
  lastModifiedDate: string;
};
type Page = { pageNumber: number; pageSize: number; totalRecords: number; totalPages: number; records: Node[] };

async function upload(filePath: string, content: string) {
  const response = await fetch(`${server.url}/generic/${projectId}/${repoName}${filePath}`, {
    method: 'PUT',
    headers: { Authorization: basicAuth('admin', ADMIN_PASSWORD) },
    body: content,
  });
  if (response.status !== 200) throw new Error(`upload ${filePath}: ${response.status} ${await response.text()}`);
}

// Files of several sizes, uploaded in an order that differs from name order (so sorting by date differs).
beforeAll(async () => {
  server = await startFerry();
  ({ projectId, repoName } = await createProjectWithRepo(apiClient(server.url), 'GENERIC'));
  await upload('/docs/b.txt', 'bb');
  await upload('/docs/c.txt', 'c');
  await upload('/docs/a.txt', 'aaaa');
  await upload('/docs/zeta/one.txt', '1');
  await upload('/docs/alpha/two.txt', '22');
  await upload('/docs/alpha/deep/three.txt', '333');
  await upload('/top.txt', 't');
});
afterAll(() => server?.stop());

const page = (tail: string) => apiClient(server.url).get<Page>(`/repository/api/node/page/${projectId}/${repoName}${tail}`);
const names = (p: Page) => p.records.map((r) => `${r.folder ? 'D' : 'F'}:${r.name}`);

describe('node page', () => {
  it('lists direct children, folders first, by name by default', async () => {
    const listing = dataOf(await page('/docs'));
    expect(names(listing)).toEqual(['D:alpha', 'D:zeta', 'F:a.txt', 'F:b.txt', 'F:c.txt']);
    expect(listing).toMatchObject({ pageNumber: 1, pageSize: 20, totalRecords: 5, totalPages: 1 });
    const folder = listing.records[0];
    expect(folder).toMatchObject({ fullPath: '/docs/alpha', path: '/docs/', folder: true, size: 0, sha256: null });
    const file = listing.records[2];
    expect(file).toMatchObject({ fullPath: '/docs/a.txt', path: '/docs/', folder: false, size: 4 });
  });

  it('lists the repository root', async () => {
    expect(names(dataOf(await page('')))).toEqual(['D:docs', 'F:top.txt']);
  });

  it('pages across the folder/file boundary', async () => {
    const first = dataOf(await page('/docs?pageNumber=1&pageSize=3'));
    const second = dataOf(await page('/docs?pageNumber=2&pageSize=3'));
    const third = dataOf(await page('/docs?pageNumber=3&pageSize=3'));
    expect(names(first)).toEqual(['D:alpha', 'D:zeta', 'F:a.txt']);
    expect(names(second)).toEqual(['F:b.txt', 'F:c.txt']);
    expect(names(third)).toEqual([]);
    expect([first.totalRecords, first.totalPages, second.pageNumber]).toEqual([5, 2, 2]);
  });

  it('sorts by size and by last modification, in either direction', async () => {
    expect(names(dataOf(await page('/docs?sortProperty=size&direction=DESC')))).toEqual([
      'D:zeta',
      'D:alpha',
      'F:a.txt',
      'F:b.txt',
      'F:c.txt',
    ]);
    expect(names(dataOf(await page('/docs?sortProperty=size&direction=ASC&includeFolder=false')))).toEqual([
      'F:c.txt',
      'F:b.txt',
      'F:a.txt',
    ]);
    expect(names(dataOf(await page('/docs?sortProperty=lastModifiedDate&includeFolder=false')))).toEqual(['F:b.txt', 'F:c.txt', 'F:a.txt']);
    // alpha's newest file is newer than zeta's.
    expect(names(dataOf(await page('/docs?sortProperty=lastModifiedDate&direction=DESC'))).slice(0, 2)).toEqual(['D:alpha', 'D:zeta']);
  });

  it('leaves folders out with includeFolder=false', async () => {
    const listing = dataOf(await page('/docs?includeFolder=false'));
    expect(listing.totalRecords).toBe(3);
    expect(listing.records.every((r) => !r.folder)).toBe(true);
  });

  it('names the field of an invalid paging or sorting parameter', async () => {
    for (const [query, field, code] of [
      ['pageNumber=0', 'pageNumber', 250105],
      ['pageSize=5000', 'pageSize', 250105],
      ['sortProperty=colour', 'sortProperty', 250106],
      ['direction=UP', 'direction', 250106],
      ['includeFolder=maybe', 'includeFolder', 250106],
    ] as const) {
      const response = await page(`/docs?${query}`);
      expect([response.status, response.body.code]).toEqual([400, code]);
      expect(response.body.message).toContain(`[${field}]`);
    }
  });

  it('answers 404 for a folder that does not exist and 400 for a file', async () => {
    const missing = await page('/nowhere');
    expectRefusal(missing, 404, 250108);
    const file = await page('/top.txt');
    expectRefusal(file, 400, 250105);
  });

  it('answers the same listing for GET /generic on a folder', async () => {
    const response = await apiClient(server.url).get<Page>(`/generic/${projectId}/${repoName}/docs?pageSize=2`);
    expect(names(dataOf(response))).toEqual(['D:alpha', 'D:zeta']);
  });
});

describe('node detail', () => {
  const detail = (tail: string) =>
    apiClient(server.url).get<Node & { metadata: object }>(`/repository/api/node/detail/${projectId}/${repoName}${tail}`);

  it('describes a file with its digests', async () => {
    const node = dataOf(await detail('/docs/a.txt'));
    expect(node).toMatchObject({ name: 'a.txt', fullPath: '/docs/a.txt', path: '/docs/', folder: false, size: 4, metadata: {} });
    expect(node.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('describes a folder and the root', async () => {
    expect(dataOf(await detail('/docs/alpha'))).toMatchObject({
      name: 'alpha',
      fullPath: '/docs/alpha',
      path: '/docs/',
      folder: true,
      size: 0,
    });
    expect(dataOf(await detail(''))).toMatchObject({ name: '', fullPath: '/', path: '/', folder: true });
  });

  it('answers 250108 for a missing node and 251006 for a missing repository', async () => {
    const missing = await detail('/docs/none.txt');
    expectRefusal(missing, 404, 250108);
    const noRepo = await apiClient(server.url).get(`/repository/api/node/detail/${projectId}/norepo/x`);
    expectRefusal(noRepo, 404, 251006);
  });
});
