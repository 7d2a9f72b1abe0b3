import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreContract, listed, sha256Of } from '../../tests/support/blob-store-contract';
import { radosgwEnv, s3SettingsOf, s3StoreOf } from '../../tests/support/radosgw';
import type { S3Settings } from './s3/client';
import { deleteKeys, listMultipartUploads, listObjects } from './s3/objects';

// A real S3 server: Ceph radosgw on a loopback port, started (or reused) by scripts/ensure-radosgw.sh.
let base: S3Settings;
let client: S3Client;
const prefixes: string[] = [];

beforeAll(() => {
  base = s3SettingsOf(radosgwEnv());
  client = s3StoreOf(base).client;
}, 300_000);

/** A store on a prefix of its own, as an installation sharing the bucket would have. */
function freshSettings(): S3Settings {
  const prefix = `unit-${randomBytes(6).toString('hex')}/`;
  prefixes.push(prefix);
  return { ...base, prefix };
}

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of listObjects({ client, name: base.bucket }, prefix)) keys.push(object.key.slice(prefix.length));
  for await (const upload of listMultipartUploads({ client, name: base.bucket }, prefix)) keys.push(`multipart:${upload.key}`);
  return keys;
}

afterAll(async () => {
  const bucket = { client, name: base.bucket };
  for (const prefix of prefixes) {
    const keys: string[] = [];
    for await (const object of listObjects(bucket, prefix)) keys.push(object.key);
    await deleteKeys(bucket, keys);
  }
});

blobStoreContract('S3 (radosgw)', async () => {
  const settings = freshSettings();
  return {
    store: s3StoreOf(settings).store,
    sibling: () => s3StoreOf(settings).store,
    inFlight: async () => (await keysUnder(settings.prefix)).filter((key) => !key.startsWith('sha256/')),
  };
});

describe('S3 key layout', () => {
  it('writes a blob at <prefix>sha256/<hex> and leaves nothing else behind', async () => {
    const settings = freshSettings();
    const { store } = s3StoreOf(settings);
    const info = await store.put(Readable.from(['layout']));
    const id = await store.createUpload();
    await store.appendUpload(id, Readable.from(['lay']));
    await store.appendUpload(id, Readable.from(['out 2']));
    expect((await keysUnder(settings.prefix)).sort()).toEqual(
      [`sha256/${info.sha256}`, `uploads/${id}/created`, `uploads/${id}/0000000000000000`, `uploads/${id}/0000000000000003`].sort(),
    );
    const committed = await store.commitUpload(id, {});
    expect((await keysUnder(settings.prefix)).sort()).toEqual([`sha256/${info.sha256}`, `sha256/${committed.sha256}`].sort());
    const head = await client.send(new HeadObjectCommand({ Bucket: base.bucket, Key: `${settings.prefix}sha256/${info.sha256}` }));
    expect(head.ContentLength).toBe(6);
  });

  it('keeps installations on one bucket apart by prefix', async () => {
    const one = s3StoreOf(freshSettings()).store;
    const two = s3StoreOf(freshSettings()).store;
    const info = await one.put(Readable.from(['only in one']));
    expect(await listed(two)).toEqual([]);
    expect(await two.stat(info.sha256)).toBeNull();
    expect(await listed(one)).toEqual([info.sha256]);
  });
});

describe('S3 sweepTemporaries', () => {
  it('aborts a multipart upload a crashed process left, once it is older than the cut-off', async () => {
    const settings = freshSettings();
    const { store } = s3StoreOf(settings);
    const key = `${settings.prefix}sha256/${sha256Of('never finished')}`;
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: base.bucket, Key: key }));
    await client.send(new UploadPartCommand({ Bucket: base.bucket, Key: key, UploadId, PartNumber: 1, Body: 'half' }));
    const tmp = `${settings.prefix}tmp/crashed`;
    await client.send(new CreateMultipartUploadCommand({ Bucket: base.bucket, Key: tmp }));
    expect(await store.sweepTemporaries(new Date(Date.now() - 3600_000))).toBe(0);
    expect(await keysUnder(settings.prefix)).toHaveLength(2);
    expect(await store.sweepTemporaries(new Date(Date.now() + 3600_000))).toBe(2);
    expect(await keysUnder(settings.prefix)).toEqual([]);
  });

  it('leaves keys outside its prefix alone', async () => {
    const settings = freshSettings();
    const neighbour = freshSettings();
    const other = s3StoreOf(neighbour).store;
    const upload = await other.createUpload();
    expect(await s3StoreOf(settings).store.sweepTemporaries(new Date(Date.now() + 3600_000))).toBe(0);
    expect(await other.uploadSize(upload)).toBe(0);
  });
});

describe('S3 failures', () => {
  it('throws from stat (a readiness probe) when the endpoint does not answer', async () => {
    const { store } = s3StoreOf({ ...freshSettings(), endpoint: 'http://127.0.0.1:9' });
    const started = Date.now();
    await expect(store.stat(sha256Of('absent'))).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('throws from stat, naming the bucket, when the bucket does not exist', async () => {
    const { store } = s3StoreOf({ ...freshSettings(), bucket: 'ferry-no-such-bucket' });
    await expect(store.stat(sha256Of('absent'))).rejects.toThrow('S3 bucket ferry-no-such-bucket does not exist');
    await expect(store.put(Readable.from(['x']))).rejects.toThrow('does not exist');
  });

  it('refuses wrong credentials without revealing the secret', async () => {
    const secret = `wrong-secret-${randomBytes(8).toString('hex')}`;
    const { store } = s3StoreOf({ ...freshSettings(), secretAccessKey: secret });
    const error = await store.stat(sha256Of('absent')).then(
      () => null,
      (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
    );
    expect(error?.$metadata?.httpStatusCode).toBe(403);
    expect(`${error?.message} ${error?.stack} ${JSON.stringify(error)}`).not.toContain(secret);
  });

  it('lists no stray objects of a failed put, even at the bucket level', async () => {
    const settings = freshSettings();
    const { store } = s3StoreOf(settings);
    await expect(store.put(Readable.from(['abc']), { sha256: sha256Of('xyz') })).rejects.toThrow('sha256 mismatch');
    const page = await client.send(new ListObjectsV2Command({ Bucket: base.bucket, Prefix: settings.prefix }));
    expect(page.KeyCount ?? 0).toBe(0);
  });
});
