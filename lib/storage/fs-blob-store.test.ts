import { readdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { blobStoreContract, listed } from '../../tests/support/blob-store-contract';
import { eachTempDir } from '../../tests/support/temp-dir';
import type { BlobStore } from './blob-store';
import { createFsBlobStore } from './fs-blob-store';

let root: string;
let store: BlobStore;

eachTempDir('ferry-blobs-', (dir) => {
  root = dir;
  store = createFsBlobStore(dir);
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

blobStoreContract('filesystem', async () => ({
  store,
  sibling: () => createFsBlobStore(root),
  inFlight: async () => [...(await filesUnder('tmp')), ...(await filesUnder('uploads'))],
}));

describe('filesystem layout', () => {
  it('keeps one file per blob under sha256/<first two hex digits>/', async () => {
    const info = await store.put(Readable.from(['same bytes']));
    await store.put(Readable.from(['same ', 'bytes']));
    expect(await filesUnder(path.join('sha256', info.sha256.slice(0, 2)))).toEqual([info.sha256]);
    expect(await filesUnder('sha256')).toHaveLength(1);
  });
});

describe('sweepTemporaries', () => {
  it('removes only uploads untouched since the cut-off and never stored blobs', async () => {
    const { sha256 } = await store.put(Readable.from(['kept']));
    const stale = await store.createUpload();
    const live = await store.createUpload();
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await utimes(path.join(root, 'uploads', stale), dayAgo, dayAgo);
    await utimes(path.join(root, 'sha256', sha256.slice(0, 2), sha256), dayAgo, dayAgo);
    expect(await store.sweepTemporaries(new Date(Date.now() - 24 * 3600_000))).toBe(1);
    expect(await store.uploadSize(stale)).toBeNull();
    expect(await store.uploadSize(live)).toBe(0);
    expect(await listed(store)).toEqual([sha256]);
  });
});

describe('file modes', () => {
  it('keeps folders 0700 and blobs and uploads 0600 even under umask 0, and repairs an open folder', async () => {
    const { chmod, stat } = await import('node:fs/promises');
    await chmod(root, 0o755);
    const previous = process.umask(0);
    try {
      const fresh = createFsBlobStore(root);
      const info = await fresh.put(Readable.from(['private']));
      const upload = await fresh.createUpload();
      const mode = async (...parts: string[]) => (await stat(path.join(root, ...parts))).mode & 0o777;
      expect(await mode()).toBe(0o700);
      for (const dir of ['sha256', 'tmp', 'uploads', `sha256/${info.sha256.slice(0, 2)}`]) expect(await mode(dir), dir).toBe(0o700);
      expect(await mode('sha256', info.sha256.slice(0, 2), info.sha256)).toBe(0o600);
      expect(await mode('uploads', upload)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});
