import { createHash } from 'node:crypto';
import { readdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { eachTempDir } from '../../tests/support/temp-dir';
import { type BlobStore, BlobVerificationError } from './blob-store';
import { createFsBlobStore } from './fs-blob-store';

let root: string;
let store: BlobStore;

eachTempDir('ferry-blobs-', (dir) => {
  root = dir;
  store = createFsBlobStore(dir);
});

const sha256Of = (value: string) => createHash('sha256').update(value).digest('hex');
const md5Of = (value: string) => createHash('md5').update(value).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

async function listed(): Promise<string[]> {
  const out: string[] = [];
  for await (const blob of store.list()) out.push(blob.sha256);
  return out;
}

describe('put', () => {
  it('stores content under its sha256 and reports both digests and the size', async () => {
    const info = await store.put(Readable.from(['hello ', 'world']));
    expect(info).toEqual({ sha256: sha256Of('hello world'), md5: md5Of('hello world'), size: 11 });
    const stream = await store.open(info.sha256);
    expect(stream && (await text(stream))).toBe('hello world');
    expect(await listed()).toEqual([info.sha256]);
    expect(await filesUnder('tmp')).toEqual([]);
  });

  it('accepts matching expectations in either case of hex', async () => {
    const info = await store.put(Readable.from(['abc']), { sha256: sha256Of('abc').toUpperCase(), md5: md5Of('abc'), size: 3 });
    expect(info.size).toBe(3);
  });

  it.each([
    ['sha256', { sha256: sha256Of('other') }],
    ['md5', { md5: md5Of('other') }],
    ['size', { size: 4 }],
  ] as const)('rejects a %s mismatch and stores nothing', async (reason, expect_) => {
    const error = await store.put(Readable.from(['abc']), expect_).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobVerificationError);
    expect((error as BlobVerificationError).reason).toBe(reason);
    expect(await listed()).toEqual([]);
    expect(await filesUnder('tmp')).toEqual([]);
  });

  it('stops reading past maxBytes and stores nothing', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 1));
      },
    });
    const error = await store.put(endless, { maxBytes: 10_000 }).catch((e: unknown) => e);
    expect((error as BlobVerificationError).reason).toBe('too-large');
    expect(produced).toBeLessThan(100_000);
    expect(await listed()).toEqual([]);
    expect(await filesUnder('tmp')).toEqual([]);
  });

  it('stores nothing when the source fails half-way', async () => {
    const broken = new Readable({ read() {} });
    broken.push('partial');
    setTimeout(() => broken.destroy(new Error('client went away')), 10);
    await expect(store.put(broken)).rejects.toThrow('client went away');
    expect(await listed()).toEqual([]);
    expect(await filesUnder('tmp')).toEqual([]);
  });

  it('digests content larger than the hash worker window while streaming it', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(512 * 1024, i));
    const info = await store.put(Readable.from(chunks));
    const whole = Buffer.concat(chunks);
    expect(info).toEqual({
      sha256: createHash('sha256').update(whole).digest('hex'),
      md5: createHash('md5').update(whole).digest('hex'),
      size: whole.length,
    });
  });

  it('keeps one copy of identical content', async () => {
    const first = await store.put(Readable.from(['same bytes']));
    const second = await store.put(Readable.from(['same ', 'bytes']));
    expect(second).toEqual(first);
    expect(await listed()).toEqual([first.sha256]);
    expect(await filesUnder('sha256')).toHaveLength(1);
  });
});

describe('open, stat and delete', () => {
  it('reads an inclusive byte range', async () => {
    const { sha256 } = await store.put(Readable.from(['0123456789']));
    const stream = await store.open(sha256, { start: 2, end: 5 });
    expect(stream && (await text(stream))).toBe('2345');
  });

  it('answers null for an absent blob and refuses a malformed digest', async () => {
    expect(await store.open(sha256Of('absent'))).toBeNull();
    expect(await store.stat(sha256Of('absent'))).toBeNull();
    await expect(store.open('../../etc/passwd')).rejects.toThrow('not a sha256');
  });

  it('stats and deletes a blob', async () => {
    const { sha256 } = await store.put(Readable.from(['abc']));
    expect((await store.stat(sha256))?.size).toBe(3);
    await store.delete(sha256);
    expect(await store.stat(sha256)).toBeNull();
    await store.delete(sha256);
  });
});

describe('resumable uploads', () => {
  it('appends chunks in order and commits them under their digest', async () => {
    const id = await store.createUpload();
    expect(await store.appendUpload(id, Readable.from(['hello ']), { offset: 0 })).toBe(6);
    expect(await store.appendUpload(id, Readable.from(['world']), { offset: 6 })).toBe(11);
    expect(await store.uploadSize(id)).toBe(11);
    const info = await store.commitUpload(id, { sha256: sha256Of('hello world') });
    expect(info).toEqual({ sha256: sha256Of('hello world'), md5: md5Of('hello world'), size: 11 });
    expect(await store.uploadSize(id)).toBeNull();
    expect(await listed()).toEqual([info.sha256]);
  });

  it('refuses a chunk at the wrong offset and keeps what was there', async () => {
    const id = await store.createUpload();
    await store.appendUpload(id, Readable.from(['abc']), { offset: 0 });
    const error = await store.appendUpload(id, Readable.from(['def']), { offset: 5 }).catch((e: unknown) => e);
    expect((error as BlobVerificationError).reason).toBe('offset');
    expect(await store.uploadSize(id)).toBe(3);
  });

  it('cuts a chunk that exceeds maxBytes back to the last good size', async () => {
    const id = await store.createUpload();
    await store.appendUpload(id, Readable.from(['abc']));
    await expect(store.appendUpload(id, Readable.from(['defghij']), { maxBytes: 5 })).rejects.toThrow('limit');
    expect(await store.uploadSize(id)).toBe(3);
    await store.appendUpload(id, Readable.from(['de']));
    expect((await store.commitUpload(id, {})).sha256).toBe(sha256Of('abcde'));
  });

  it('rehashes an upload written by another process before committing', async () => {
    const id = await store.createUpload();
    await store.appendUpload(id, Readable.from(['abc']));
    const other = createFsBlobStore(root);
    await other.appendUpload(id, Readable.from(['def']), { offset: 3 });
    expect((await other.commitUpload(id, { md5: md5Of('abcdef') })).sha256).toBe(sha256Of('abcdef'));
  });

  it('stores nothing when the committed digest does not match', async () => {
    const id = await store.createUpload();
    await store.appendUpload(id, Readable.from(['abc']));
    await expect(store.commitUpload(id, { sha256: sha256Of('xyz') })).rejects.toBeInstanceOf(BlobVerificationError);
    expect(await listed()).toEqual([]);
    expect(await store.uploadSize(id)).toBeNull();
  });

  it('aborts an upload and forgets it', async () => {
    const id = await store.createUpload();
    await store.appendUpload(id, Readable.from(['abc']));
    await store.abortUpload(id);
    expect(await store.uploadSize(id)).toBeNull();
    await expect(store.appendUpload(id, Readable.from(['x']))).rejects.toThrow('does not exist');
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
    expect(await listed()).toEqual([sha256]);
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
