import { statfs } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { BlobStore, PutExpectations } from './blob-store';

/** An upload refused by policy, not by its content: too large for this server, or no disk left. */
export class UploadRefusedError extends Error {
  constructor(
    readonly reason: 'too-large' | 'disk-full',
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefusedError';
  }
}

export type UploadLimits = {
  /** Largest blob or file one upload may store; undefined = no limit. */
  maxUploadBytes?: number;
  /** Free bytes the store's disk must keep; writes are refused below it. */
  minFreeBytes: number;
  /** Free bytes of the disk holding the store (injected for tests). */
  freeBytes: () => Promise<number>;
};

export const freeBytesOf = (folder: string) => async () => {
  const info = await statfs(folder);
  return info.bavail * info.bsize;
};

/**
 * Wraps a blob store with the operator's limits: writes are refused with 507 before the disk is
 * full and with 413 past FERRY_MAX_UPLOAD_BYTES (as soon as the declared length says so, else
 * when the stream passes it), so one client cannot fill the disk for everyone.
 */
export function withUploadLimits(store: BlobStore, limits: UploadLimits): BlobStore {
  const max = limits.maxUploadBytes ?? Number.POSITIVE_INFINITY;
  const tooLarge = () => new UploadRefusedError('too-large', `uploads are limited to ${max} bytes on this server`);
  const ensureDisk = async () => {
    if ((await limits.freeBytes()) < limits.minFreeBytes) {
      throw new UploadRefusedError('disk-full', 'the server is low on disk space; free some space or raise the storage, then retry');
    }
  };
  const capped = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      // The store reports a passed maxBytes as content too large; here it is the server's limit.
      if ((error as { reason?: string }).reason === 'too-large' && Number.isFinite(max)) throw tooLarge();
      throw error;
    }
  };
  return {
    ...store,
    async put(source: Readable, expect: PutExpectations = {}) {
      if (expect.size !== undefined && expect.size > max) throw tooLarge();
      await ensureDisk();
      if (expect.maxBytes !== undefined && expect.maxBytes <= max) return store.put(source, expect);
      return capped(() => store.put(source, { ...expect, maxBytes: max }));
    },
    async appendUpload(uploadId, source, options = {}) {
      // maxBytes is the upload's total after this chunk (the end of its Content-Range).
      if (options.maxBytes !== undefined && options.maxBytes > max) throw tooLarge();
      await ensureDisk();
      if (options.maxBytes !== undefined) return store.appendUpload(uploadId, source, options);
      return capped(() => store.appendUpload(uploadId, source, { ...options, maxBytes: max }));
    },
  };
}
