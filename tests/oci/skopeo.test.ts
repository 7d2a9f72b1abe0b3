import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../lib/db/client';
import { apiClient, dataOf } from '../support/api-client';
import { skopeo } from '../support/ensure-skopeo';
import { ADMIN_PASSWORD } from '../support/ferry-server';
import {
  buildLayoutImage,
  digestOfFile,
  OCI_INDEX,
  OCI_MANIFEST,
  readLayout,
  tagInLayout,
  writeImage,
  writeIndex,
} from '../support/oci-layout';
import { skopeoWorkspaceForFile } from '../support/skopeo-workspace';

const workspace = skopeoWorkspaceForFile('ferry-skopeo-');
const creds = `admin:${ADMIN_PASSWORD}`;

const push = (source: string, image: string, extra: string[] = []) =>
  skopeo([
    'copy',
    '--preserve-digests',
    '--dest-tls-verify=false',
    '--dest-creds',
    creds,
    ...extra,
    source,
    `docker://${workspace.host}/${image}`,
  ]);
const pull = (image: string, target: string, extra: string[] = []) =>
  skopeo([
    'copy',
    '--preserve-digests',
    '--src-tls-verify=false',
    '--src-creds',
    creds,
    ...extra,
    `docker://${workspace.host}/${image}`,
    target,
  ]);

describe('skopeo against Ferry', () => {
  it('pushes an OCI image and pulls it back with identical manifest and blob digests', async () => {
    const source = path.join(workspace.work, 'src-basic');
    const image = await buildLayoutImage(source, 'v1', [2048, 300_000]);
    await push(`oci:${source}:v1`, `${workspace.base}/basic:v1`);

    const back = path.join(workspace.work, 'back-basic');
    await pull(`${workspace.base}/basic:v1`, `oci:${back}:v1`);
    const pulled = await readLayout(back, 'v1');
    expect(pulled.manifest.digest).toBe(image.digest);
    expect(pulled.blobs.sort()).toEqual([image.digest, image.config.digest, ...image.layers.map((l) => l.digest)].sort());
    for (const blob of pulled.blobs) expect(await digestOfFile(path.join(back, 'blobs', 'sha256', blob.slice(7)))).toBe(blob);

    const dir = path.join(workspace.work, 'dir-basic');
    await pull(`${workspace.base}/basic:v1`, `dir:${dir}`);
    expect((await readFile(path.join(dir, 'manifest.json'))).equals(image.bytes)).toBe(true);
    expect((await readdir(dir)).filter((f) => /^[0-9a-f]{64}$/.test(f)).sort()).toEqual(
      [image.config.digest, ...image.layers.map((l) => l.digest)].map((d) => d.slice(7)).sort(),
    );
  });

  it('inspects an image and lists its tags', async () => {
    const source = path.join(workspace.work, 'src-inspect');
    const image = await buildLayoutImage(source, 'a', [1000]);
    await push(`oci:${source}:a`, `${workspace.base}/inspected:a`);
    await push(`oci:${source}:a`, `${workspace.base}/inspected:b`);
    const inspect = JSON.parse(
      (await skopeo(['inspect', '--tls-verify=false', '--creds', creds, `docker://${workspace.host}/${workspace.base}/inspected:a`]))
        .stdout,
    ) as { Digest: string; RepoTags: string[]; Layers: string[]; Architecture: string };
    expect(inspect.Digest).toBe(image.digest);
    expect(inspect.RepoTags).toEqual(['a', 'b']);
    expect(inspect.Layers).toEqual(image.layers.map((l) => l.digest));
    expect(inspect.Architecture).toBe('amd64');
    const raw = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      creds,
      `docker://${workspace.host}/${workspace.base}/inspected:a`,
    ]);
    expect(raw.stdout).toBe(image.bytes.toString());
    const tags = JSON.parse(
      (await skopeo(['list-tags', '--tls-verify=false', '--creds', creds, `docker://${workspace.host}/${workspace.base}/inspected`]))
        .stdout,
    );
    expect(tags.Tags).toEqual(['a', 'b']);
  });

  it('copies a multi-arch index with --all, keeping the index digest', async () => {
    const source = path.join(workspace.work, 'src-multi');
    const amd64 = await writeImage(source, { layerSizes: [4000], platform: { os: 'linux', architecture: 'amd64' } });
    const arm64 = await writeImage(source, { layerSizes: [5000], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    const index = await writeIndex(source, [
      { image: amd64, platform: { os: 'linux', architecture: 'amd64' } },
      { image: arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ]);
    await tagInLayout(source, 'multi', { digest: index.digest, size: index.size, mediaType: OCI_INDEX });
    await push(`oci:${source}:multi`, `${workspace.base}/multi:1.0`, ['--all']);

    const back = path.join(workspace.work, 'back-multi');
    await pull(`${workspace.base}/multi:1.0`, `oci:${back}:multi`, ['--all']);
    const pulled = await readLayout(back, 'multi');
    expect(pulled.manifest.digest).toBe(index.digest);
    expect(pulled.manifest.mediaType).toBe(OCI_INDEX);
    for (const child of [amd64, arm64]) {
      expect(pulled.blobs).toContain(child.digest);
      expect(pulled.blobs).toContain(child.layers[0]?.digest);
    }

    const versions = dataOf(
      await apiClient(workspace.server.url).get<{
        records: Array<{ name: string; size: number; mediaType: string; platforms: unknown[] }>;
      }>(`/repository/api/version/page/${workspace.base}?packageKey=docker://multi`),
    );
    const childSize = (i: typeof amd64) => i.config.size + i.layers.reduce((s, l) => s + l.size, 0);
    expect(versions.records).toEqual([
      expect.objectContaining({
        name: '1.0',
        mediaType: OCI_INDEX,
        size: childSize(amd64) + childSize(arm64),
        platforms: [
          { os: 'linux', architecture: 'amd64', variant: null, digest: amd64.digest },
          { os: 'linux', architecture: 'arm64', variant: 'v8', digest: arm64.digest },
        ],
      }),
    ]);
  });

  it('deletes an image by digest', async () => {
    const source = path.join(workspace.work, 'src-delete');
    const image = await buildLayoutImage(source, 'x', [1500]);
    await push(`oci:${source}:x`, `${workspace.base}/doomed:x`);
    await skopeo(['delete', '--tls-verify=false', '--creds', creds, `docker://${workspace.host}/${workspace.base}/doomed@${image.digest}`]);
    await expect(
      skopeo(['inspect', '--tls-verify=false', '--creds', creds, `docker://${workspace.host}/${workspace.base}/doomed:x`]),
    ).rejects.toThrow(/manifest unknown/i);
  });

  it('accepts an API token as the password, and credentials stored by skopeo login', async () => {
    const { token } = dataOf(
      await apiClient(workspace.server.url).post<{ token: string }>('/repository/api/token/create', { name: 'skopeo' }),
    );
    const source = path.join(workspace.work, 'src-token');
    const image = await buildLayoutImage(source, 't', [800]);
    await skopeo([
      'copy',
      '--preserve-digests',
      '--dest-tls-verify=false',
      '--dest-creds',
      `admin:${token}`,
      `oci:${source}:t`,
      `docker://${workspace.host}/${workspace.base}/token:t`,
    ]);
    const authfile = path.join(workspace.work, 'auth.json');
    await skopeo(['login', '--tls-verify=false', '--authfile', authfile, '-u', 'admin', '-p', token, workspace.host]);
    const inspect = JSON.parse(
      (await skopeo(['inspect', '--tls-verify=false', '--authfile', authfile, `docker://${workspace.host}/${workspace.base}/token:t`]))
        .stdout,
    ) as { Digest: string };
    expect(inspect.Digest).toBe(image.digest);
    await expect(
      skopeo(['login', '--tls-verify=false', '--authfile', authfile, '-u', 'admin', '-p', 'wrong', workspace.host]),
    ).rejects.toThrow();
    await expect(
      skopeo(['inspect', '--tls-verify=false', '--creds', 'admin:wrong-password', `docker://${workspace.host}/${workspace.base}/token:t`]),
    ).rejects.toThrow(/unauthorized|authentication/i);
  });

  it('records VERSION_CREATED, VERSION_UPDATED and VERSION_DELETED, and nothing for a re-push of the same digest', async () => {
    const source = path.join(workspace.work, 'src-events');
    const first = await buildLayoutImage(source, 'one', [600]);
    const second = await writeImage(source, { layerSizes: [700] });
    await tagInLayout(source, 'two', { digest: second.digest, size: second.size, mediaType: OCI_MANIFEST });
    await push(`oci:${source}:one`, `${workspace.base}/events:latest`);
    await push(`oci:${source}:one`, `${workspace.base}/events:latest`);
    await push(`oci:${source}:two`, `${workspace.base}/events:latest`);
    const api = apiClient(workspace.server.url);
    dataOf(await api.delete(`/repository/api/version/delete/${workspace.base}?packageKey=docker://events&version=latest`));

    await workspace.server.stop();
    const connection = await openConnection({ databaseUrl: workspace.server.env.DATABASE_URL, dataDir: workspace.server.dataDir });
    const { artifactEvents } = await import('../../lib/db/schema');
    const { eq, asc } = await import('drizzle-orm');
    const rows = await connection.db
      .select({
        type: artifactEvents.type,
        path: artifactEvents.path,
        version: artifactEvents.version,
        digest: artifactEvents.digest,
        actor: artifactEvents.actor,
      })
      .from(artifactEvents)
      .where(eq(artifactEvents.path, 'events'))
      .orderBy(asc(artifactEvents.id));
    await connection.close();
    expect(rows).toEqual([
      { type: 'VERSION_CREATED', path: 'events', version: 'latest', digest: first.digest, actor: 'admin' },
      { type: 'VERSION_UPDATED', path: 'events', version: 'latest', digest: second.digest, actor: 'admin' },
      { type: 'VERSION_DELETED', path: 'events', version: 'latest', digest: second.digest, actor: 'admin' },
    ]);
  });
});
