import path from 'node:path';
import { env } from '../env';
import type { BlobStore } from './blob-store';
import { createFsBlobStore } from './fs-blob-store';

const holder = globalThis as typeof globalThis & { __ferryBlobStore?: BlobStore };

/** The process-wide blob store under FERRY_DATA_DIR/blobs. */
export function getBlobStore(): BlobStore {
  holder.__ferryBlobStore ??= createFsBlobStore(path.join(env().dataDir, 'blobs'));
  return holder.__ferryBlobStore;
}
