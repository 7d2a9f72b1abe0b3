import { formatBytes, formatRoughDuration } from '../format/format';

export type TransferEstimate = {
  /** Seconds at the task's rate limit; null when the rate is unlimited (the network decides). */
  seconds: number | null;
  /** The estimate and its assumption in words, for people. */
  words: string;
};

/**
 * The time the bytes that would really move take at the rate limit (bytes per second, 0 =
 * unlimited). Only the bytes are counted: request round trips and the target's speed are not.
 */
export function estimateTransfer(bytes: number, bytesPerSecond: number, options: { partial?: boolean } = {}): TransferEstimate {
  const atLeast = options.partial ? 'at least ' : '';
  if (bytes === 0) {
    return { seconds: 0, words: options.partial ? 'no bytes to move among the artifacts probed' : 'no bytes to move' };
  }
  if (bytesPerSecond <= 0) {
    return {
      seconds: null,
      words: `${atLeast}${formatBytes(bytes)} to move; no rate limit, so the time depends on the network and the target`,
    };
  }
  const seconds = Math.ceil(bytes / bytesPerSecond);
  return {
    seconds,
    words: `${atLeast}${formatBytes(bytes)} to move: about ${formatRoughDuration(seconds)} at the rate limit of ${formatBytes(bytesPerSecond)}/s`,
  };
}
