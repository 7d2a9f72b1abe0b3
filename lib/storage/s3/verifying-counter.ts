import type { BlobInfo, PutExpectations } from '../blob-store';
import { verifyExpectations } from '../expectations';
import { OffThreadDigestingCounter } from '../off-thread-digest';

/**
 * Digests bytes off-thread as they pass and, before the stream may end, checks them against the
 * expectations: a mismatch fails the stream, so the S3 upload reading it never completes and no
 * object appears. `info` holds what passed once the stream has ended.
 */
export class VerifyingCounter extends OffThreadDigestingCounter {
  info?: BlobInfo;

  constructor(private readonly expect: PutExpectations) {
    super(expect.maxBytes);
  }

  override _flush(callback: (error?: Error | null) => void): void {
    this.digests().then(
      (digests) => {
        const info = { ...digests, size: this.bytes };
        try {
          verifyExpectations(info, this.expect);
        } catch (error) {
          callback(error as Error);
          return;
        }
        this.info = info;
        callback();
      },
      (error: Error) => callback(error),
    );
  }
}
