import { describe, expect, it } from 'vitest';
import { createSemaphore, runPool } from './in-parallel';

// Items end when the test says so (deferred promises), never after a wall-clock delay.

type Gate = { promise: Promise<void>; open: () => void; fail: (error: Error) => void };
function gate(): Gate {
  let open: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets every promise callback and stream tick that can run, run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Items 0..count-1, each running until its gate opens; records what runs at once. */
function gatedItems(count: number) {
  const gates = Array.from({ length: count }, gate);
  const running = new Set<number>();
  const started: number[] = [];
  let most = 0;
  let taken = 0;
  return {
    gates,
    running,
    started,
    most: () => most,
    next: () => (taken < count ? taken++ : undefined),
    work: async (item: number, signal: AbortSignal) => {
      started.push(item);
      running.add(item);
      most = Math.max(most, running.size);
      const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
      try {
        await Promise.race([gates[item]?.promise, aborted]);
      } finally {
        running.delete(item);
      }
    },
  };
}

describe('runPool', () => {
  it('keeps at most `concurrency` items in flight and takes the next as soon as one ends, not per batch', async () => {
    const items = gatedItems(8);
    const done = runPool({ concurrency: 3, next: items.next, work: items.work });
    await settle();
    expect([...items.running]).toEqual([0, 1, 2]);
    // Item 0 is slow; the others finishing one by one keep the pool full around it.
    for (const item of [1, 2, 3, 4]) {
      items.gates[item]?.open();
      await settle();
      expect(items.running.size).toBe(3);
      expect(items.running.has(0)).toBe(true);
    }
    expect(items.started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const g of items.gates) g.open();
    await done;
    expect(items.started).toHaveLength(8);
    expect(items.most()).toBe(3);
  });

  it('shares one semaphore between pools: never more than its limit in flight over both', async () => {
    const slots = createSemaphore(3);
    const a = gatedItems(6);
    const b = gatedItems(6);
    const done = Promise.all([
      runPool({ concurrency: 3, slots, next: a.next, work: a.work }),
      runPool({ concurrency: 3, slots, next: b.next, work: b.work }),
    ]);
    // Each pool would run 3; one item ends per round, and together they fill exactly the 3 slots.
    for (let round = 0; round < 12; round++) {
      await settle();
      expect(a.running.size + b.running.size).toBe(Math.min(3, 12 - round));
      expect(slots.inUse).toBe(Math.min(3, 12 - round));
      const [pool, item] = a.running.size > 0 ? [a, [...a.running][0]] : [b, [...b.running][0]];
      pool.gates[item ?? -1]?.open();
    }
    await done;
    expect([a.started.length, b.started.length]).toEqual([6, 6]);
    expect(slots.inUse).toBe(0);
  });

  it('on abort, aborts every item in flight with the reason and starts no more (FAST_FAIL)', async () => {
    const halt = new AbortController();
    const items = gatedItems(10);
    const reasons: unknown[] = [];
    const done = runPool({
      concurrency: 4,
      signal: halt.signal,
      next: items.next,
      work: async (item, signal) => {
        try {
          await items.work(item, signal);
        } catch (error) {
          if (!signal.aborted) halt.abort(new Error(`item ${item} failed`));
          else reasons.push(error);
        }
      },
    });
    await settle();
    items.gates[2]?.fail(new Error('boom'));
    await done;
    expect(items.started).toEqual([0, 1, 2, 3]);
    expect(items.running.size).toBe(0);
    expect(reasons).toEqual([halt.signal.reason, halt.signal.reason, halt.signal.reason]);
    expect((halt.signal.reason as Error).message).toBe('item 2 failed');
  });
});

describe('createSemaphore', () => {
  it('hands slots out first come, first served, and drops a waiter whose signal aborts', async () => {
    const slots = createSemaphore(1);
    const order: string[] = [];
    const releaseFirst = await slots.acquire();
    const quitter = new AbortController();
    const second = slots.acquire(quitter.signal);
    const third = slots.acquire().then((release) => {
      order.push('third');
      return release;
    });
    quitter.abort(new Error('run stopped'));
    await expect(second).rejects.toThrow('run stopped');
    expect(order).toEqual([]);
    releaseFirst();
    releaseFirst();
    const releaseThird = await third;
    expect(order).toEqual(['third']);
    expect(slots.inUse).toBe(1);
    releaseThird();
    expect(slots.inUse).toBe(0);
  });
});
