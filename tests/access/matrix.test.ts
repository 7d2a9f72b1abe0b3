import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { ensureSkopeo, skopeo } from '../support/ensure-skopeo';
import { ferryForFile } from '../support/ferry-for-file';
import { ADMIN_PASSWORD } from '../support/ferry-server';
import { basicAuth, uniqueName } from '../support/harness';
import { buildLayoutImage, type LayoutImage, readLayout } from '../support/oci-layout';
import { type Caller, callers, expectedOutcome, PASSWORDS } from './callers';
import { createFixtures, type Fixtures } from './fixtures';
import { describeRes, type Res, replaceInRequest, send } from './http';
import { type Row, rows } from './rows';

// Issue 10's permission matrix: every caller (anonymous, non-member, VIEWER, MAINTAINER,
// PROJECT_ADMIN, administrator, and scoped tokens) against every route of the table in rows.ts,
// the expected answer derived from the row's least right and the contract's refusal rules.
// Registered first, so it runs first; installing skopeo may take minutes.
beforeAll(() => ensureSkopeo(), 300_000);
const ferry = ferryForFile();
let f: Fixtures;
beforeAll(async () => {
  f = await createFixtures(ferry.server.url);
}, 120_000);
const ghostProject = uniqueName('ghost');
const adminAuth = basicAuth('admin', ADMIN_PASSWORD);

/**
 * A non-member's answer must be the one the same caller gets for something that does not exist,
 * names swapped back: then nothing tells them the project (or execution) is there.
 */
async function assertHidden(row: Row, caller: Caller, res: Res, ctx: Parameters<Row['request']>[0]) {
  if (row.hiddenAnswer) {
    const expected = row.hiddenAnswer(ctx);
    expect({ status: res.status, code: res.envelope?.code, message: res.envelope?.message }).toEqual(expected);
    return;
  }
  const [real, fake] = row.ghost ? row.ghost(ctx) : [f.p, ghostProject];
  const ghost = await send(f.url, f.auth[caller.id] ?? null, replaceInRequest(row.request(ctx), real, fake));
  const unswap = (text: string | null | undefined) => text?.split(fake).join(real) ?? null;
  if (!row.ghostMayNotBe404) expect(ghost.status, `ghost answer ${describeRes(ghost)}`).toBe(404);
  expect(res.status, `${caller.id}: ${describeRes(res)}`).toBe(ghost.status);
  if (row.surface === 'oci') {
    expect(res.ociCode).toBe('NAME_UNKNOWN');
    expect(res.ociMessage).toBe(unswap(ghost.ociMessage));
    return;
  }
  expect(res.envelope?.code).toBe(ghost.envelope?.code);
  expect(res.envelope?.message).toBe(unswap(ghost.envelope?.message));
  if (ghost.status === 200) expect(res.envelope?.data).toEqual(ghost.envelope?.data);
}

describe.each(callers)('$id', (caller) => {
  it.each(rows)('$name (needs $min)', async (row) => {
    const v = row.prepare ? await row.prepare(f) : {};
    const ctx = { f, v, caller };
    const res = await send(f.url, f.auth[caller.id] ?? null, row.request(ctx));
    const outcome = expectedOutcome(caller, row, f.p);
    switch (outcome.kind) {
      case 'anonymous':
        expect(res.status, describeRes(res)).toBe(401);
        if (row.surface === 'oci') expect(res.ociCode).toBe('UNAUTHORIZED');
        else expect(res.envelope?.code).toBe(250112);
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="ferry"/);
        return;
      case 'hidden':
        return assertHidden(row, caller, res, ctx);
      case 'denied':
        expect(res.status, describeRes(res)).toBe(403);
        if (row.surface === 'oci') {
          expect(res.ociCode).toBe('DENIED');
          return;
        }
        expect(res.envelope?.code).toBe(250114);
        if (typeof outcome.message === 'string') expect(res.envelope?.message).toBe(outcome.message);
        else expect(res.envelope?.message).toMatch(outcome.message);
        return;
      case 'allowed':
        return row.allowed(res, ctx);
    }
  });
});

describe('what each caller sees', () => {
  const projectsOf = async (caller: Caller) => {
    const res = await send(f.url, f.auth[caller.id] ?? null, { method: 'GET', path: '/repository/api/project/list' });
    expect(res.status, describeRes(res)).toBe(200);
    return ((res.envelope?.data ?? []) as Array<{ name: string }>).map((p) => p.name);
  };

  it.each(callers.filter((c) => c.user && !(c.admin && !c.token?.project)))('$id lists only the projects it belongs to', async (caller) => {
    const expected = caller.token?.project === 'other' || caller.user === 'outsider' ? [f.q] : [f.p];
    expect(await projectsOf(caller)).toEqual(expected);
  });

  it('an administrator lists every project, also those without members', async () => {
    const all = await projectsOf(callers.find((c) => c.id === 'admin2') as Caller);
    expect(all).toEqual(expect.arrayContaining([f.p, f.q]));
    expect(all.some((name) => name.startsWith('madeadmin2'))).toBe(true);
  });

  it.each(callers.filter((c) => c.user))('user/info of $id states the admin flag, the roles and the token scope', async (caller) => {
    const res = await send(f.url, f.auth[caller.id] ?? null, { method: 'GET', path: '/repository/api/user/info' });
    const info = res.envelope?.data as Record<string, unknown>;
    const roles = { outsider: [{ projectId: f.q, role: 'MAINTAINER' }], admin2: [] } as Record<string, unknown[]>;
    expect(info).toMatchObject({
      username: caller.user,
      admin: caller.admin,
      roles: roles[caller.user ?? ''] ?? [{ projectId: f.p, role: caller.role }],
      token: caller.token
        ? {
            projectId: caller.token.project === 'own' ? f.p : caller.token.project === 'other' ? f.q : null,
            access: caller.token.access,
          }
        : null,
    });
  });

  it('a public repository of the project stays readable anonymously and by non-members, but not writable', async () => {
    const target = `/generic/${f.p}/${f.pub}/readme.txt`;
    for (const id of ['anonymous', 'outsider']) {
      const res = await send(f.url, f.auth[id] ?? null, { method: 'GET', path: target });
      expect(res.status, `${id}: ${describeRes(res)}`).toBe(200);
      expect(res.bytes.equals(f.file.content)).toBe(true);
    }
    const put = await send(f.url, null, { method: 'PUT', path: `/generic/${f.p}/${f.pub}/new.txt`, body: Buffer.from('x') });
    expect(put.status).toBe(401);
  });

  it('records refused attempts in the audit log as DENIED, under the project they aimed at', async () => {
    const admin = apiClient(f.url);
    const { records } = dataOf(
      await admin.get<{ records: Array<{ action: string; outcome: string; projectId: string | null }> }>(
        '/repository/api/admin/audit?userId=viewer&outcome=DENIED&limit=500',
      ),
    );
    const seen = records.map((r) => `${r.action} ${r.outcome} ${r.projectId}`);
    expect(seen).toEqual(
      expect.arrayContaining(['config.create', 'file.upload', 'image.push', 'member.set'].map((action) => `${action} DENIED ${f.p}`)),
    );
  });
});

describe('/v2 with skopeo', () => {
  let work: string;
  let host: string;
  let source: LayoutImage;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'ferry-matrix-'));
    host = new URL(f.url).host;
    source = await buildLayoutImage(path.join(work, 'src'), 'v1', [4096]);
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  const credsOf = (id: string) => {
    const caller = callers.find((c) => c.id === id);
    if (!caller?.user) throw new Error(`no caller ${id}`);
    return `${caller.user}:${caller.token ? f.tokens[id] : PASSWORDS[caller.user]}`;
  };
  const image = (name: string) => `docker://${host}/${f.p}/${f.docker}/${name}`;
  const push = (id: string, name: string) =>
    skopeo([
      'copy',
      '--preserve-digests',
      '--dest-tls-verify=false',
      '--dest-creds',
      credsOf(id),
      `oci:${path.join(work, 'src')}:v1`,
      image(name),
    ]);
  const pull = (id: string, name: string, dir: string) =>
    skopeo([
      'copy',
      '--preserve-digests',
      '--src-tls-verify=false',
      '--src-creds',
      credsOf(id),
      image(name),
      `oci:${path.join(work, dir)}:x`,
    ]);
  const tags = async (name: string) => {
    const res = await send(f.url, adminAuth, { method: 'GET', path: `/v2/${f.p}/${f.docker}/${name}/tags/list` });
    return res.status === 200 ? (JSON.parse(res.bytes.toString('utf8')) as { tags: string[] }).tags : [];
  };

  it('a VIEWER pulls the image with its digest and cannot push', async () => {
    await pull('viewer', `${f.image.name}:${f.image.tag}`, 'viewer-pull');
    expect((await readLayout(path.join(work, 'viewer-pull'), 'x')).manifest.digest).toBe(f.image.digest);
    await expect(push('viewer', 'viewer-push:v1')).rejects.toThrow(/denied/i);
    expect(await tags('viewer-push')).toEqual([]);
  });

  it('a MAINTAINER pushes, and the pushed image pulls back unchanged', async () => {
    await push('maintainer', 'maintainer-push:v1');
    expect(await tags('maintainer-push')).toEqual(['v1']);
    await pull('viewer', 'maintainer-push:v1', 'maintainer-back');
    expect((await readLayout(path.join(work, 'maintainer-back'), 'x')).manifest.digest).toBe(source.digest);
  });

  it('a non-member gets the answer for an image that does not exist, on pull and on push', async () => {
    await expect(pull('outsider', `${f.image.name}:${f.image.tag}`, 'outsider-pull')).rejects.toThrow(/name unknown|manifest unknown/i);
    await expect(push('outsider', 'outsider-push:v1')).rejects.toThrow(/name unknown/i);
    expect(await tags('outsider-push')).toEqual([]);
  });

  it('a project-scoped READ token pulls but cannot push; a WRITE token can', async () => {
    await pull('tokread', `${f.image.name}:${f.image.tag}`, 'tokread-pull');
    expect((await readLayout(path.join(work, 'tokread-pull'), 'x')).manifest.digest).toBe(f.image.digest);
    await expect(push('tokread', 'tokread-push:v1')).rejects.toThrow(/denied/i);
    expect(await tags('tokread-push')).toEqual([]);
    await push('tokwrite', 'tokwrite-push:v1');
    expect(await tags('tokwrite-push')).toEqual(['v1']);
  });

  it('a token scoped to another project sees no image here', async () => {
    await expect(pull('tokother', `${f.image.name}:${f.image.tag}`, 'tokother-pull')).rejects.toThrow(/name unknown|manifest unknown/i);
  });
});
