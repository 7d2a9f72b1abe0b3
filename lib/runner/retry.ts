import { isTransient } from '../oci-client/errors';
import { abortableDelay, type Delay } from './delay';

/**
 * Retries transient failures (network errors, 429, 5xx) with exponential backoff. The wait is
 * `sleep` (injected in tests) and ends early when `signal` aborts: a cancelled run stops at once.
 */
export async function withRetries<T>(
  operation: () => Promise<T>,
  options: {
    attempts?: number;
    baseDelayMs?: number;
    signal?: AbortSignal;
    sleep?: Delay;
    /** Told of each transient failure before its wait, e.g. to log it. */
    onRetry?: (error: unknown, waitMs: number) => void;
  } = {},
): Promise<T> {
  // 6 attempts over ~30 s ride out a registry restart or a short network outage.
  const attempts = options.attempts ?? 6;
  const sleep = options.sleep ?? abortableDelay;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error) || options.signal?.aborted) throw error;
      const waitMs = (options.baseDelayMs ?? 1000) * 2 ** (attempt - 1);
      options.onRetry?.(error, waitMs);
      try {
        await sleep(waitMs, options.signal);
      } catch {
        // Aborted while waiting: report the failure that made us wait, not the abort.
        throw error;
      }
    }
  }
}
