import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eachTempDir } from '../../tests/support/temp-dir';
import type { BlobStore } from './blob-store';
import { createFsBlobStore } from './fs-blob-store';
import { UploadRefusedError, withUploadLimits } from './upload-limits';

let root: string;
let inner: BlobStore;
eachTempDir('ferry-limits-', (dir) => {
  root = dir;
  inner = createFsBlobStore(dir);
});

const bytes = (n: number) => Readable.from([Buffer.alloc(n, 7)]);
const storedBlobs = async () =>
  (await readdir(path.join(root, 'sha256'), { recursive: true }).catch(() => [])).filter((f) => f.length > 60);

async function refusal(promise: Promise<unknown>): Promise<UploadRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadRefusedError);
  return error as UploadRefusedError;
}

describe('upload limits', () => {
  it('refuses a put whose declared size is over the limit before reading, and one that streams past it', async () => {
    const store = withUploadLimits(inner, { maxUploadBytes: 1000, minFreeBytes: 0, freeBytes: async () => 1e12 });
    expect((await refusal(store.put(bytes(10), { size: 1001 }))).reason).toBe('too-large');
    expect((await refusal(store.put(bytes(1001)))).reason).toBe('too-large');
    expect((await store.put(bytes(1000))).size).toBe(1000);
    expect(await storedBlobs()).toHaveLength(1);
  });

  it('caps resumable uploads by their total, not per chunk', async () => {
    const store = withUploadLimits(inner, { maxUploadBytes: 1000, minFreeBytes: 0, freeBytes: async () => 1e12 });
    const id = await store.createUpload();
    expect(await store.appendUpload(id, bytes(600))).toBe(600);
    expect((await refusal(store.appendUpload(id, bytes(600)))).reason).toBe('too-large');
    expect(await store.uploadSize(id)).toBe(600);
    expect((await refusal(store.appendUpload(id, bytes(10), { offset: 600, maxBytes: 1200 }))).reason).toBe('too-large');
  });

  it('refuses writes while free disk space is under the floor, and accepts them again once it is not', async () => {
    let free = 100;
    const store = withUploadLimits(inner, { minFreeBytes: 1000, freeBytes: async () => free });
    expect((await refusal(store.put(bytes(10)))).reason).toBe('disk-full');
    const id = await store.createUpload();
    expect((await refusal(store.appendUpload(id, bytes(10)))).reason).toBe('disk-full');
    free = 5000;
    expect((await store.put(bytes(10))).size).toBe(10);
  });
});
