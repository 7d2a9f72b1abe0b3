import { Transform, type TransformCallback } from 'node:stream';

export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };
const systemClock: Clock = { now: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * One token bucket per run, shared by all its parallel transfers: bytesPerSecond over the whole
 * run (0 = unlimited). The bucket holds at most 100 ms of tokens, so bursts stay small.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    readonly bytesPerSecond: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.capacity = Math.max(bytesPerSecond / 10, 16 * 1024);
    this.tokens = 0;
    this.last = clock.now();
  }

  /** Resolves when `bytes` may be sent. Debt is allowed, so chunks larger than the bucket pass too. */
  async take(bytes: number): Promise<void> {
    if (this.bytesPerSecond <= 0) return;
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond);
    this.last = now;
    this.tokens -= bytes;
    if (this.tokens < 0) await this.clock.sleep((-this.tokens / this.bytesPerSecond) * 1000);
  }

  /** A pass-through stream that waits for tokens and reports every chunk sent. */
  throttle(onBytes: (bytes: number) => void = () => undefined): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback: TransformCallback) => {
        this.take(chunk.length).then(
          () => {
            onBytes(chunk.length);
            callback(null, chunk);
          },
          (error: Error) => callback(error),
        );
      },
    });
  }
}
