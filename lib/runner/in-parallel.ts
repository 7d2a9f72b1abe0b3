/**
 * A counting semaphore with a FIFO queue: the per-instance cap on transfers in flight, shared by
 * every run of the process. Hand-written rather than p-limit: p-limit wraps one function per
 * limiter and cannot hand out a slot that a waiter gives up when its run is stopped.
 */
export type Semaphore = {
  /** Resolves with a release function once a slot is free; rejects with the reason if `signal` aborts first. */
  acquire: (signal?: AbortSignal) => Promise<() => void>;
  readonly inUse: number;
};

export function createSemaphore(limit: number): Semaphore {
  let inUse = 0;
  const waiters: Array<() => void> = [];
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiters.shift();
      // The slot passes straight to the next waiter, so nobody can overtake the queue.
      if (next) next();
      else inUse--;
    };
  };
  return {
    get inUse() {
      return inUse;
    },
    acquire: (signal) => {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (inUse < limit) {
        inUse++;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve, reject) => {
        const granted = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(releaser());
        };
        const onAbort = () => {
          waiters.splice(waiters.indexOf(granted), 1);
          reject(signal?.reason);
        };
        waiters.push(granted);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

export type PoolOptions<T> = {
  /** Items in flight at once in this pool. */
  concurrency: number;
  /** The next item to work on, or undefined when there is none: that worker then ends. */
  next: () => Promise<T | undefined> | T | undefined;
  /** `signal` aborts when the pool's signal does; it is the item's own, dropped when the item ends. */
  work: (item: T, signal: AbortSignal) => Promise<void>;
  /** Aborting it starts nothing new and aborts every item in flight. */
  signal?: AbortSignal;
  /** A cap shared with other pools: a worker holds one slot while its item runs. */
  slots?: Semaphore;
};

/**
 * A worker pool: each of `concurrency` workers takes the next item as soon as its previous one
 * ends, so one slow item never holds up the others (no batches that wait for their slowest).
 * Resolves when every worker has ended; rejects with the first error `work` or `next` throws.
 */
export async function runPool<T>(options: PoolOptions<T>): Promise<void> {
  const { signal, slots } = options;
  const worker = async () => {
    while (!signal?.aborted) {
      let release: (() => void) | undefined;
      try {
        release = slots ? await slots.acquire(signal) : undefined;
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      }
      try {
        if (signal?.aborted) return;
        const item = await options.next();
        if (item === undefined) return;
        await workOn(item);
      } finally {
        release?.();
      }
    }
  };
  const workOn = async (item: T) => {
    // Its own controller, so a long pool does not pile one listener per item onto `signal`.
    const own = new AbortController();
    const forward = () => own.abort(signal?.reason);
    signal?.addEventListener('abort', forward, { once: true });
    try {
      await options.work(item, own.signal);
    } finally {
      signal?.removeEventListener('abort', forward);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start. */
export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await runPool({ concurrency: Math.min(limit, items.length), next: () => items[next++], work: (item) => work(item) });
}
