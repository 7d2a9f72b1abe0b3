/**
 * What one artifact's transfer ended as. Identical content at the target is a SUCCESS with 0 bytes.
 * UNSUPPORTED: a deletion the target refuses; `reason` says why (a SKIPPED deletion says why too).
 */
export type TransferOutcome = { status: 'SUCCESS' | 'SKIPPED' | 'UNSUPPORTED'; conflict: boolean; bytesSent: number; reason?: string };

export type ConflictStrategy = 'SKIP' | 'OVERWRITE' | 'FAST_FAIL';

/** The target holds different content and the strategy says fail. Never retried. */
export class ConflictError extends Error {
  constructor(what: string) {
    super(`${what} already exists at the target with different content (conflict strategy FAST_FAIL)`);
    this.name = 'ConflictError';
  }
}
