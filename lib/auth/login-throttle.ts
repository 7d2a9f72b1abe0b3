/**
 * Slows password guessing at the sign-in form. Failures are counted per username + client address
 * (5 free, then each attempt waits 2^(n-5) s, at most 15 min) and per username from any address
 * (20 free, same growth): the address comes from X-Forwarded-For, which a client talking to Ferry
 * directly can vary, so the per-username count still bounds guessing.
 * Kept in process memory: a restart forgets it, and several instances each count on their own.
 */
const MAX_DELAY_MS = 15 * 60 * 1000;
const FORGET_AFTER_MS = 60 * 60 * 1000;
const ANY_ADDRESS = '*';

type Failures = { count: number; lastAt: number };

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly limits = { perAddress: 5, perUser: 20 }) {}

  private keys(username: string, address: string): [string, number][] {
    const user = username.toLowerCase();
    return [
      [`${user}\u0000${address}`, this.limits.perAddress],
      [`${user}\u0000${ANY_ADDRESS}`, this.limits.perUser],
    ];
  }

  /** Milliseconds the caller must still wait before trying again; 0 when it may try now. */
  retryAfterMs(username: string, address: string, now: number): number {
    let wait = 0;
    for (const [key, free] of this.keys(username, address)) {
      const entry = this.failures.get(key);
      if (!entry || entry.count < free || now - entry.lastAt > FORGET_AFTER_MS) continue;
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (entry.count - free));
      wait = Math.max(wait, entry.lastAt + delay - now);
    }
    return wait;
  }

  recordFailure(username: string, address: string, now: number): void {
    if (this.failures.size > 10_000) this.failures.clear();
    for (const [key] of this.keys(username, address)) {
      const entry = this.failures.get(key);
      const fresh = !entry || now - entry.lastAt > FORGET_AFTER_MS;
      this.failures.set(key, { count: fresh ? 1 : entry.count + 1, lastAt: now });
    }
  }

  /** A success from an address clears that address's count only, so it cannot wash away others' guesses. */
  recordSuccess(username: string, address: string): void {
    const [own] = this.keys(username, address);
    if (own) this.failures.delete(own[0]);
  }
}

const holder = globalThis as typeof globalThis & { __ferryLoginThrottle?: LoginThrottle };
/** One throttle per process (route bundles are separate module graphs, hence globalThis). */
export function loginThrottle(): LoginThrottle {
  holder.__ferryLoginThrottle ??= new LoginThrottle();
  return holder.__ferryLoginThrottle;
}
