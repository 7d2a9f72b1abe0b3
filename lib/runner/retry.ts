import { isTransient } from '../oci-client/errors';

/** Retries transient failures (network errors, 429, 5xx) with exponential backoff. */
export async function withRetries<T>(
  operation: () => Promise<T>,
  options: { attempts?: number; baseDelayMs?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error) || options.signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, (options.baseDelayMs ?? 500) * 2 ** (attempt - 1)));
    }
  }
}
