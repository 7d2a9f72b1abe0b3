import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { env } from '../env';
import type { BlobStore } from './blob-store';
import { createFsBlobStore } from './fs-blob-store';
import { instrumentBlobStore } from './instrumented-blob-store';
import { freeBytesOf, withUploadLimits } from './upload-limits';

const holder = globalThis as typeof globalThis & { __ferryBlobStore?: BlobStore };

/** The process-wide blob store under FERRY_DATA_DIR/blobs, within the operator's upload limits. */
export function getBlobStore(): BlobStore {
  if (!holder.__ferryBlobStore) {
    const e = env();
    const root = path.join(e.dataDir, 'blobs');
    mkdirSync(root, { recursive: true, mode: 0o700 });
    holder.__ferryBlobStore = withUploadLimits(instrumentBlobStore(createFsBlobStore(root)), {
      maxUploadBytes: e.FERRY_MAX_UPLOAD_BYTES,
      minFreeBytes: e.FERRY_MIN_FREE_DISK_BYTES,
      freeBytes: freeBytesOf(root),
    });
  }
  return holder.__ferryBlobStore;
}
