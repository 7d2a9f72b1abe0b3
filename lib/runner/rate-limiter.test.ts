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
});
