import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../http/app-error';

/**
 * argon2 runs on libuv's thread pool (4 threads), which file reads and writes share: unbounded,
 * a burst of password guesses would stall every download. One hash at a time leaves the other
 * threads to file I/O; a bounded queue keeps a flood from holding memory.
 */
const MAX_CONCURRENT = 1;
const MAX_WAITING = 64;

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs `task` when a slot is free; false (task not run) when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) return { ran: false };
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return { ran: true, value: await task() };
    } finally {
      // Hand the slot straight to the next waiter (active stays counted), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  get pending(): number {
    return this.waiting.length;
  }
}

const holder = globalThis as typeof globalThis & { __ferryArgon2Slots?: Semaphore; __ferryDummyHash?: Promise<string> };
/** Process-wide, like the thread pool it protects (route bundles are separate module graphs). */
function argon2Slots(): Semaphore {
  holder.__ferryArgon2Slots ??= new Semaphore(MAX_CONCURRENT, MAX_WAITING);
  return holder.__ferryArgon2Slots;
}

async function bounded<T>(task: () => Promise<T>): Promise<T> {
  const outcome = await argon2Slots().run(task);
  if (!outcome.ran) throw AppError.tooManyRequests('Too many password checks at once; try again in 1 s', 1000);
  return outcome.value;
}

// argon2id with the library's defaults (19 MiB, t=2): OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return bounded(() => hash(password));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return bounded(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

/**
 * A hash of a random password with the same parameters as real ones: unknown usernames are
 * verified against it, so they take as long to refuse as a wrong password.
 */
export function dummyPasswordHash(): Promise<string> {
  holder.__ferryDummyHash ??= hash(randomBytes(18).toString('base64url'));
  return holder.__ferryDummyHash;
}
