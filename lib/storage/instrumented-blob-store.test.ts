import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { eachTempDir } from '../../tests/support/temp-dir';
import { metrics } from '../observability/metrics';
import type { BlobStore } from './blob-store';
import { createFsBlobStore } from './fs-blob-store';
import { instrumentBlobStore } from './instrumented-blob-store';

let root: string;
let store: BlobStore;

eachTempDir('ferry-instrumented-', (dir) => {
  root = dir;
  store = instrumentBlobStore(createFsBlobStore(dir));
});

const sample = async (name: string, labels: Record<string, string>) => {
  // This metric only: the queue gauges would read a database.
  const metric = await metrics().registry.getSingleMetric(name)?.get();
  const values = (metric?.values ?? []) as Array<{ labels: Record<string, string | number>; value: number; metricName?: string }>;
  return values
    .filter((v) => Object.entries(labels).every(([key, value]) => String(v.labels[key]) === value))
    .filter((v) => !v.metricName || v.metricName.endsWith('_count') || !name.endsWith('seconds'))
    .reduce((sum, v) => sum + v.value, 0);
};

describe('instrumentBlobStore', () => {
  it('counts the bytes written and read, and the operations by result', async () => {
    const written = await sample('ferry_blob_store_bytes_total', { direction: 'write' });
    const read = await sample('ferry_blob_store_bytes_total', { direction: 'read' });
    const puts = await sample('ferry_blob_store_operation_duration_seconds', { operation: 'put', result: 'ok' });
    const content = 'x'.repeat(70_000);
    const info = await store.put(Readable.from([content]));
    expect(await text((await store.open(info.sha256)) ?? Readable.from([]))).toBe(content);
    // A ranged read counts the bytes of its range.
    expect(await text((await store.open(info.sha256, { start: 10, end: 19 })) ?? Readable.from([]))).toHaveLength(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await sample('ferry_blob_store_bytes_total', { direction: 'write' })) - written).toBe(70_000);
    expect((await sample('ferry_blob_store_bytes_total', { direction: 'read' })) - read).toBe(70_010);
    expect((await sample('ferry_blob_store_operation_duration_seconds', { operation: 'put', result: 'ok' })) - puts).toBe(1);
  });

  it('counts upload chunks by their offset, and failures as errors', async () => {
    const written = await sample('ferry_blob_store_bytes_total', { direction: 'write' });
    const failures = await sample('ferry_blob_store_operation_duration_seconds', { operation: 'appendUpload', result: 'error' });
    const id = await store.createUpload();
    expect(await store.appendUpload(id, Readable.from(['abc']), { offset: 0 })).toBe(3);
    expect(await store.appendUpload(id, Readable.from(['defg']), { offset: 3 })).toBe(7);
    await expect(store.appendUpload(id, Readable.from(['h']), { offset: 99 })).rejects.toThrow();
    const sha256 = createHash('sha256').update('abcdefg').digest('hex');
    await store.commitUpload(id, { sha256 });
    expect((await sample('ferry_blob_store_bytes_total', { direction: 'write' })) - written).toBe(7);
    expect((await sample('ferry_blob_store_operation_duration_seconds', { operation: 'appendUpload', result: 'error' })) - failures).toBe(
      1,
    );
  });

  it("passes the store's readiness check through: a root that is a file fails it", async () => {
    await expect(store.checkReady?.()).resolves.toBeUndefined();
    await rm(root, { recursive: true });
    await expect(store.checkReady?.()).rejects.toThrow();
    await writeFile(root, 'not a folder');
    await expect(store.checkReady?.()).rejects.toThrow('is not a folder');
    await rm(root);
  });
});
