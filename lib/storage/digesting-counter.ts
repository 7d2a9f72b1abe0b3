import type { Hash } from 'node:crypto';
import { Transform } from 'node:stream';
import { BlobVerificationError } from './blob-store';

/** Hashes and counts bytes as they stream through; aborts past maxBytes. */
export class DigestingCounter extends Transform {
  bytes = 0;
  constructor(
    readonly hashes: Hash[],
    readonly maxBytes = Number.POSITIVE_INFINITY,
    startBytes = 0,
  ) {
    super();
    this.bytes = startBytes;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new BlobVerificationError('too-large', `content exceeds the limit of ${this.maxBytes} bytes`));
      return;
    }
    for (const hash of this.hashes) hash.update(chunk);
    callback(null, chunk);
  }
}
