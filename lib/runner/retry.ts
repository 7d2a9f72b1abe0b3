import { isTransient } from '../oci-client/errors';

/** Retries transient failures (network errors, 429, 5xx) with exponential backoff. */
export async function withRetries<T>(
  operation: () => Promise<T>,
  options: { attempts?: number; baseDelayMs?: number; signal?: AbortSignal } = {},
): Promise<T> {
  // 6 attempts over ~30 s ride out a registry restart or a short network outage.
  const attempts = options.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error) || options.signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, (options.baseDelayMs ?? 1000) * 2 ** (attempt - 1)));
    }
  }
}
