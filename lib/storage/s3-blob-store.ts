import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { type BlobInfo, type BlobStore, SHA256_HEX } from './blob-store';
import { s3Keys } from './s3/keys';
import {
  abortMultipartUpload,
  type Bucket,
  copyObject,
  deleteKeys,
  getObjectStream,
  headObject,
  isNotFound,
  listMultipartUploads,
  listObjects,
  newestPartAt,
  uploadStream,
} from './s3/objects';
import { createS3Uploads } from './s3/resumable-uploads';
import { VerifyingCounter } from './s3/verifying-counter';

/**
 * A client that goes away while the store is still asking S3 where to write must not become an
 * uncaught 'error' event: the stream keeps the error and the pipeline reports it once attached.
 */
function quietUntilPiped(source: Readable): void {
  source.on('error', () => undefined);
}

/**
 * The BlobStore contract on S3-compatible object storage, for several instances sharing one
 * bucket (see s3/keys.ts for the layout). A put streams to its final key when the digest is
 * declared (the multipart upload completes only after the bytes verified, with If-None-Match so a
 * concurrent identical upload is harmless), otherwise to a temporary key that a server-side copy
 * publishes. A re-upload of an existing blob refreshes its modification time, as the filesystem
 * store's rename does, so garbage collection's grace period protects it until its row commits.
 */
export function createS3BlobStore(options: { client: S3Client; bucket: string; prefix?: string }): BlobStore {
  const bucket: Bucket = { client: options.client, name: options.bucket };
  const keys = s3Keys(options.prefix ?? '');

  // The bucket is checked once per process (a failure is retried by the next call): a missing
  // bucket looks like a missing blob to HEAD, and must not.
  let checked: Promise<void> | undefined;
  const ready = () => {
    checked ??= options.client.send(new HeadBucketCommand({ Bucket: bucket.name })).then(
      () => undefined,
      (error: unknown) => {
        checked = undefined;
        if (isNotFound(error) || (error as { name?: string }).name === 'NotFound') {
          throw new Error(`S3 bucket ${bucket.name} does not exist: create it, or fix FERRY_S3_BUCKET`);
        }
        throw error;
      },
    );
    return checked;
  };

  /** Refreshes a blob's modification time (a copy onto itself), so GC treats it as just uploaded. */
  async function touch(sha256: string, size: number): Promise<void> {
    const key = keys.blob(sha256);
    await copyObject(bucket, key, key, size, { 'ferry-refreshed': new Date().toISOString() });
  }

  async function publish(fromKey: string, info: BlobInfo): Promise<void> {
    const existing = await headObject(bucket, keys.blob(info.sha256));
    if (existing) await touch(info.sha256, existing.size);
    else await copyObject(bucket, fromKey, keys.blob(info.sha256), info.size);
  }

  const put: BlobStore['put'] = async (source, expect = {}) => {
    quietUntilPiped(source);
    await ready();
    const declared = expect.sha256?.toLowerCase();
    const direct = declared !== undefined && SHA256_HEX.test(declared);
    const target = direct ? keys.blob(declared) : keys.temporary(randomUUID());
    const counter = new VerifyingCounter(expect);
    let outcome: 'written' | 'exists';
    try {
      outcome = await uploadStream(bucket, target, source, counter, { ifNoneMatch: direct });
    } catch (error) {
      counter.discard();
      throw error;
    }
    const info = counter.info as BlobInfo;
    if (direct) {
      if (outcome === 'exists') await touch(info.sha256, info.size);
      return info;
    }
    try {
      await publish(target, info);
    } finally {
      await deleteKeys(bucket, [target]);
    }
    return info;
  };

  const uploads = createS3Uploads({ bucket, keys, put, publish });

  return {
    put,

    async open(sha256, range) {
      const key = keys.blob(sha256);
      await ready();
      return getObjectStream(bucket, key, range);
    },

    async stat(sha256) {
      const key = keys.blob(sha256);
      await ready();
      return headObject(bucket, key);
    },

    async delete(sha256) {
      const key = keys.blob(sha256);
      await ready();
      await options.client.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: key }));
    },

    async *list() {
      await ready();
      for await (const object of listObjects(bucket, keys.blobs)) {
        const name = object.key.slice(keys.blobs.length);
        if (SHA256_HEX.test(name)) yield { sha256: name, modifiedAt: object.modifiedAt };
      }
    },

    async sweepTemporaries(olderThan) {
      await ready();
      let removed = 0;
      // Multipart uploads a crashed process left (to tmp/, uploads/ or a blob key); one that
      // started long ago but received a part since is still alive.
      const live = new Set<string>();
      for await (const upload of listMultipartUploads(bucket, keys.root)) {
        if (![keys.blobs, keys.temporaries, keys.uploads].some((prefix) => upload.key.startsWith(prefix))) continue;
        const lastActive = upload.initiated >= olderThan ? upload.initiated : ((await newestPartAt(bucket, upload)) ?? upload.initiated);
        if (lastActive >= olderThan) {
          live.add(upload.key);
          continue;
        }
        await abortMultipartUpload(bucket, upload);
        removed++;
      }
      removed += await uploads.sweep(olderThan, live);
      const stale: string[] = [];
      for await (const object of listObjects(bucket, keys.temporaries)) {
        if (object.modifiedAt < olderThan && !live.has(object.key)) stale.push(object.key);
      }
      await deleteKeys(bucket, stale);
      return removed + stale.length;
    },

    async createUpload() {
      await ready();
      return uploads.create();
    },

    async appendUpload(uploadId, source, options) {
      quietUntilPiped(source);
      await ready();
      return uploads.append(uploadId, source, options);
    },

    async uploadSize(uploadId) {
      await ready();
      return uploads.size(uploadId);
    },

    async commitUpload(uploadId, expect) {
      await ready();
      return uploads.commit(uploadId, expect);
    },

    async abortUpload(uploadId) {
      await ready();
      await uploads.abort(uploadId);
    },
  };
}
