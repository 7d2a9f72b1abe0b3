/**
 * Slows password guessing at the sign-in form: after FREE_ATTEMPTS failures for one username from
 * one address, each further attempt must wait 2^(n - FREE_ATTEMPTS) seconds (capped at 15 min).
 * Kept in process memory: a restart forgets it, and several instances each count on their own.
 */
const FREE_ATTEMPTS = 5;
const MAX_DELAY_MS = 15 * 60 * 1000;
const FORGET_AFTER_MS = 60 * 60 * 1000;

type Failures = { count: number; lastAt: number };

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  private key(username: string, address: string): string {
    return `${username.toLowerCase()}\u0000${address}`;
  }

  /** Milliseconds the caller must still wait before trying again; 0 when it may try now. */
  retryAfterMs(username: string, address: string, now: number): number {
    const entry = this.failures.get(this.key(username, address));
    if (!entry || entry.count < FREE_ATTEMPTS) return 0;
    if (now - entry.lastAt > FORGET_AFTER_MS) return 0;
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (entry.count - FREE_ATTEMPTS));
    return Math.max(0, entry.lastAt + delay - now);
  }

  recordFailure(username: string, address: string, now: number): void {
    const key = this.key(username, address);
    const entry = this.failures.get(key);
    const fresh = !entry || now - entry.lastAt > FORGET_AFTER_MS;
    if (this.failures.size > 10_000) this.failures.clear();
    this.failures.set(key, { count: fresh ? 1 : entry.count + 1, lastAt: now });
  }

  recordSuccess(username: string, address: string): void {
    this.failures.delete(this.key(username, address));
  }
}

const holder = globalThis as typeof globalThis & { __ferryLoginThrottle?: LoginThrottle };
/** One throttle per process (route bundles are separate module graphs, hence globalThis). */
export function loginThrottle(): LoginThrottle {
  holder.__ferryLoginThrottle ??= new LoginThrottle();
  return holder.__ferryLoginThrottle;
}
