import { env } from '../env';
import { throttleAddressKey } from '../http/client-address';
import { LruMap } from './lru-map';

/**
 * Slows password guessing on every password check (sign-in form, HTTP Basic on the API, /v2 and
 * /generic). Failures are counted per username + client address: 5 free, then each further try
 * waits 2^(n-5) s (at most 15 min), forgotten an hour after the last failure.
 *
 * Per username from all addresses: past 20 failures within that hour, every address that has
 * itself failed for the username loses its free tries and waits at least 2^(n-20) s, at most
 * 60 s, between tries. That only slows, never blocks: an address that has not failed for the
 * username (the real admin elsewhere) always gets its first try at once and waits at most a
 * minute after a typo, so an attacker cannot lock anyone out from another address. A guesser with
 * very many addresses is slowed, not stopped; API tokens and open sessions are not throttled.
 *
 * Memory is bounded by two LRUs; failures for usernames that do not exist go to the second, so
 * junk usernames can never push out what is counted against real ones. Unknown usernames are
 * counted exactly like known ones, so the answers do not reveal which users exist.
 * Kept in process memory: a restart forgets it, and several instances each count on their own.
 */
export type ThrottleLimits = {
  /** Free failures per username + address. */
  perAddress: number;
  /** Failures per username from all addresses before the user-wide slowdown. */
  perUser: number;
  maxDelayMs: number;
  /** The user-wide slowdown never makes an address wait longer than this. */
  maxUserWideDelayMs: number;
  forgetAfterMs: number;
  /** Entries per LRU (known and unknown usernames each). */
  capacity: number;
};

const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  perAddress: 5,
  perUser: 20,
  maxDelayMs: 15 * 60 * 1000,
  maxUserWideDelayMs: 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
  capacity: 20_000,
};

/** Who is trying: `known` says whether the username exists (it picks the LRU, nothing else). */
export type Attempt = { username: string; address: string; known: boolean };

type Failures = { count: number; lastAt: number };

const ANY_ADDRESS = '*';

export class PasswordThrottle {
  readonly limits: ThrottleLimits;
  private readonly known: LruMap<string, Failures>;
  private readonly unknown: LruMap<string, Failures>;

  constructor(limits: Partial<ThrottleLimits> = {}) {
    this.limits = { ...DEFAULT_THROTTLE_LIMITS, ...limits };
    this.known = new LruMap(this.limits.capacity);
    this.unknown = new LruMap(this.limits.capacity);
  }

  /** Milliseconds the caller must still wait before trying again; 0 when it may try now. */
  retryAfterMs(attempt: Attempt, now: number): number {
    const { own, user, store } = this.keys(attempt);
    const mine = this.fresh(store.get(own), now);
    if (!mine) return 0;
    const { perAddress, perUser, maxDelayMs, maxUserWideDelayMs } = this.limits;
    let delay = mine.count >= perAddress ? Math.min(maxDelayMs, 1000 * 2 ** (mine.count - perAddress)) : 0;
    const everyone = this.fresh(store.get(user), now);
    if (everyone && everyone.count >= perUser) {
      delay = Math.max(delay, Math.min(maxUserWideDelayMs, 1000 * 2 ** Math.min(30, everyone.count - perUser)));
    }
    return Math.max(0, mine.lastAt + delay - now);
  }

  recordFailure(attempt: Attempt, now: number): void {
    const { own, user, store } = this.keys(attempt);
    for (const key of [own, user]) {
      const entry = this.fresh(store.get(key), now);
      store.set(key, { count: (entry?.count ?? 0) + 1, lastAt: now });
    }
  }

  /** A success clears that address's count only, so it cannot wash away others' guesses. */
  recordSuccess(attempt: Attempt): void {
    const { own, store } = this.keys(attempt);
    store.delete(own);
  }

  private fresh(entry: Failures | undefined, now: number): Failures | undefined {
    return entry && now - entry.lastAt <= this.limits.forgetAfterMs ? entry : undefined;
  }

  private keys(attempt: Attempt) {
    const user = attempt.username.toLowerCase();
    return {
      own: `${user}\u0000${throttleAddressKey(attempt.address)}`,
      user: `${user}\u0000${ANY_ADDRESS}`,
      store: attempt.known ? this.known : this.unknown,
    };
  }
}

const holder = globalThis as typeof globalThis & { __ferryPasswordThrottle?: PasswordThrottle };
/** One throttle per process (route bundles are separate module graphs, hence globalThis). */
export function passwordThrottle(): PasswordThrottle {
  holder.__ferryPasswordThrottle ??= new PasswordThrottle({ capacity: env().FERRY_AUTH_THROTTLE_ENTRIES });
  return holder.__ferryPasswordThrottle;
}
