import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { env, type FerryEnv } from '../env';
import type { BlobStore } from './blob-store';
import { createFsBlobStore } from './fs-blob-store';
import { instrumentBlobStore } from './instrumented-blob-store';
import { createS3Client } from './s3/client';
import { createS3BlobStore } from './s3-blob-store';
import { freeBytesOf, withUploadLimits } from './upload-limits';

const holder = globalThis as typeof globalThis & { __ferryBlobStore?: BlobStore };

function fsStore(e: FerryEnv): BlobStore {
  const root = path.join(e.dataDir, 'blobs');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  return withUploadLimits(instrumentBlobStore(createFsBlobStore(root)), {
    maxUploadBytes: e.FERRY_MAX_UPLOAD_BYTES,
    minFreeBytes: e.FERRY_MIN_FREE_DISK_BYTES,
    freeBytes: freeBytesOf(root),
  });
}

function s3Store(e: FerryEnv): BlobStore {
  // lib/env.ts has checked that the bucket and both keys are set when FERRY_BLOB_STORE=s3.
  const settings = {
    endpoint: e.FERRY_S3_ENDPOINT,
    region: e.FERRY_S3_REGION,
    bucket: e.FERRY_S3_BUCKET ?? '',
    accessKeyId: e.FERRY_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: e.FERRY_S3_SECRET_ACCESS_KEY ?? '',
    forcePathStyle: e.FERRY_S3_FORCE_PATH_STYLE,
    prefix: e.FERRY_S3_PREFIX,
  };
  const store = instrumentBlobStore(
    createS3BlobStore({ client: createS3Client(settings), bucket: settings.bucket, prefix: settings.prefix }),
  );
  // No local disk fills up: only the upload size limit applies.
  return withUploadLimits(store, {
    maxUploadBytes: e.FERRY_MAX_UPLOAD_BYTES,
    minFreeBytes: 0,
    freeBytes: async () => Number.POSITIVE_INFINITY,
  });
}

/**
 * The process-wide blob store, within the operator's upload limits: FERRY_DATA_DIR/blobs, or the
 * S3 bucket when FERRY_BLOB_STORE=s3. stat() of an absent digest is a cheap readiness probe: null
 * when the store answers, an error when it cannot be reached (or the bucket is missing).
 */
export function getBlobStore(): BlobStore {
  holder.__ferryBlobStore ??= env().FERRY_BLOB_STORE === 's3' ? s3Store(env()) : fsStore(env());
  return holder.__ferryBlobStore;
}
