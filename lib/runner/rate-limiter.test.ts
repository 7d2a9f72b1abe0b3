import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { type Clock, RateLimiter } from './rate-limiter';

function fakeClock(): Clock & { elapsed: () => number } {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    elapsed: () => now,
  };
}

/**
 * Virtual time for concurrent sleepers: when nothing else can run, the earliest sleep ends and
 * the clock jumps to its end (the fake clock above adds up sleeps, which only suits one sleeper).
 */
function virtualClock(): Clock & { run: <T>(work: Promise<T>) => Promise<T> } {
  let now = 0;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    run: async (work) => {
      let finished = false;
      const done = work.finally(() => {
        finished = true;
      });
      while (!finished) {
        await new Promise((resolve) => setImmediate(resolve));
        sleepers.sort((a, b) => a.at - b.at);
        const first = sleepers.shift();
        if (!first) continue;
        now = first.at;
        first.wake();
      }
      return done;
    },
  };
}

describe('RateLimiter', () => {
  it('spreads 10 MB at 1 MB/s over about 10 seconds', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(1_000_000, clock);
    for (let sent = 0; sent < 10_000_000; sent += 65_536) await limiter.take(65_536);
    expect(clock.elapsed() / 1000).toBeGreaterThan(9.9);
    expect(clock.elapsed() / 1000).toBeLessThan(10.2);
  });

  it('shares one budget between parallel transfers', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(2_000_000, clock);
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        for (let sent = 0; sent < 2_500_000; sent += 65_536) await limiter.take(65_536);
      }),
    );
    // 4 × 2.5 MB = 10 MB at 2 MB/s ≈ 5 s, not 1.25 s.
    expect(clock.elapsed() / 1000).toBeGreaterThan(4.9);
  });

  it('does not wait at all when unlimited', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(0, clock);
    await limiter.take(1e12);
    expect(clock.elapsed()).toBe(0);
  });

  it('holds 4 concurrent throttled streams to the one rate: within 5 % overall, never ahead by more than the bucket', async () => {
    const clock = virtualClock();
    const rate = 1_000_000;
    const limiter = new RateLimiter(rate, clock);
    const sent: Array<{ at: number; total: number }> = [];
    let total = 0;
    const stream = () =>
      pipeline(
        Readable.from(Array.from({ length: 40 }, () => Buffer.alloc(62_500))),
        limiter.throttle((bytes) => {
          total += bytes;
          sent.push({ at: clock.now(), total });
        }),
        new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      );
    await clock.run(Promise.all([stream(), stream(), stream(), stream()]));
    expect(total).toBe(10_000_000);
    const seconds = clock.now() / 1000;
    expect(total / seconds).toBeLessThanOrEqual(rate * 1.05);
    expect(total / seconds).toBeGreaterThanOrEqual(rate * 0.95);
    // At every moment, bytes sent ≤ rate × time + one bucket (100 ms of the rate) + one chunk.
    for (const point of sent) expect(point.total).toBeLessThanOrEqual((rate * point.at) / 1000 + rate / 10 + 62_500);
  });
});
