import { describe, expect, it } from 'vitest';
import { RegistryError } from '../oci-client/errors';
import type { Delay } from './delay';
import { withRetries } from './retry';

const transient = () => new RegistryError('503 from registry', 503, true);

/** A delay that records what it was asked to wait and returns at once (or as the signal says). */
function recordingDelay() {
  const waits: number[] = [];
  const sleep: Delay = async (ms, signal) => {
    if (signal?.aborted) throw signal.reason;
    waits.push(ms);
  };
  return { waits, sleep };
}

describe('withRetries', () => {
  it('waits with exponential backoff on the injected delay between transient failures', async () => {
    const { waits, sleep } = recordingDelay();
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 4) throw transient();
        return 'pushed';
      },
      { baseDelayMs: 100, sleep },
    );
    expect(result).toBe('pushed');
    expect(waits).toEqual([100, 200, 400]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const { waits, sleep } = recordingDelay();
    await expect(withRetries(() => Promise.reject(transient()), { attempts: 3, baseDelayMs: 10, sleep })).rejects.toThrow('503');
    expect(waits).toEqual([10, 20]);
  });

  it('does not retry a permanent failure', async () => {
    const { waits, sleep } = recordingDelay();
    let calls = 0;
    const permanent = new RegistryError('401 from registry', 401, false);
    await expect(
      withRetries(
        () => {
          calls++;
          return Promise.reject(permanent);
        },
        { sleep },
      ),
    ).rejects.toBe(permanent);
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('stops waiting as soon as the signal aborts, with the failure that made it wait', async () => {
    const controller = new AbortController();
    let release: (() => void) | undefined;
    // A delay that never ends by itself: only the abort can end it.
    const sleep: Delay = (_ms, signal) =>
      new Promise((_resolve, reject) => {
        release = () => reject(signal?.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    let calls = 0;
    const failure = transient();
    const run = withRetries(
      () => {
        calls++;
        return Promise.reject(failure);
      },
      { signal: controller.signal, sleep },
    );
    await Promise.resolve();
    await Promise.resolve();
    controller.abort(new Error('cancelled'));
    await expect(run).rejects.toBe(failure);
    expect(calls).toBe(1);
    expect(release).toBeDefined();
  });

  it('does not start another attempt once the signal has aborted', async () => {
    const { waits, sleep } = recordingDelay();
    const controller = new AbortController();
    let calls = 0;
    await expect(
      withRetries(
        () => {
          calls++;
          controller.abort();
          return Promise.reject(transient());
        },
        { signal: controller.signal, sleep },
      ),
    ).rejects.toThrow('503');
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });
});
