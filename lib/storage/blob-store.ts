import type { Readable } from 'node:stream';

export type BlobInfo = { sha256: string; md5: string; size: number };
export type ByteRange = { start: number; end: number };

export type PutExpectations = {
  /** Lowercase hex; a mismatch rejects the content and stores nothing. */
  sha256?: string;
  md5?: string;
  size?: number;
  /** Refuse (and stop reading) once more than this many bytes arrive. */
  maxBytes?: number;
};

/**
 * Content-addressed storage of file and OCI blob bytes, by sha256. Every write goes to a temporary
 * object and becomes visible under its digest only when complete and verified.
 *
 * The filesystem implementation serves one host (or a shared POSIX volume). For several instances
 * on separate hosts, an S3-compatible implementation of this interface keeps the same contract:
 * put = multipart upload to a temporary key + server-side copy to `sha256/<digest>` after the
 * digest is verified; open with range = ranged GET; stat = HEAD; uploads = multipart uploads whose
 * parts are the PATCH chunks.
 */
export interface BlobStore {
  put(source: Readable, expect?: PutExpectations): Promise<BlobInfo>;
  /** The bytes of a blob (a range is inclusive), or null when absent. */
  open(sha256: string, range?: ByteRange): Promise<Readable | null>;
  stat(sha256: string): Promise<{ size: number; modifiedAt: Date } | null>;
  /**
   * /api/ready: throws when the store cannot serve (its folder gone or not a folder). Stores
   * without it are checked with `stat` of an absent digest, which throws when unreachable.
   */
  checkReady?(): Promise<void>;
  delete(sha256: string): Promise<void>;
  /** Every stored digest with its modification time, for garbage collection. */
  list(): AsyncIterable<{ sha256: string; modifiedAt: Date }>;
  /**
   * Removes in-flight writes (temporary puts and resumable uploads) untouched since `olderThan`:
   * what a crashed process or an abandoned client left behind. Returns how many were removed.
   */
  sweepTemporaries(olderThan: Date): Promise<number>;

  /** Resumable uploads (OCI sessions): bytes are appended in order, then committed under their digest. */
  createUpload(): Promise<string>;
  /** Appends at `offset` (must equal the current size); returns the new size. */
  appendUpload(uploadId: string, source: Readable, options?: { offset?: number; maxBytes?: number }): Promise<number>;
  uploadSize(uploadId: string): Promise<number | null>;
  commitUpload(uploadId: string, expect: PutExpectations): Promise<BlobInfo>;
  abortUpload(uploadId: string): Promise<void>;
}

export class BlobVerificationError extends Error {
  constructor(
    readonly reason: 'sha256' | 'md5' | 'size' | 'too-large' | 'offset',
    message: string,
  ) {
    super(message);
    this.name = 'BlobVerificationError';
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
