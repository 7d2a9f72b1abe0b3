import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { authFailures } from '../db/schema';
import { env } from '../env';
import { throttleAddressKey } from '../http/client-address';

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
 * The counts live in the database (auth_failures), so every instance on one PostgreSQL counts
 * together and a restart forgets nothing. Rows are bounded: every 100 failures an instance drops
 * rows older than the hour and the oldest beyond `capacity`, for known and unknown usernames
 * apart, so junk usernames can never push out what is counted against real ones. Unknown
 * usernames are counted exactly like known ones, so the answers do not reveal which users exist.
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
  /** Rows kept for known usernames, and as many for unknown ones. */
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

/** Who is trying: `known` says whether the username exists (it picks what is pruned first, nothing else). */
export type Attempt = { username: string; address: string; known: boolean };

const ANY_ADDRESS = '*';
const PRUNE_EVERY_FAILURES = 100;

export class PasswordThrottle {
  readonly limits: ThrottleLimits;
  private failuresSincePrune = 0;

  constructor(limits: Partial<ThrottleLimits> = {}) {
    this.limits = { ...DEFAULT_THROTTLE_LIMITS, ...limits };
  }

  /** Milliseconds the caller must still wait before trying again; 0 when it may try now. */
  async retryAfterMs(db: Db, attempt: Attempt, now: number): Promise<number> {
    const { username, own } = keys(attempt);
    const rows = await db
      .select({ address: authFailures.address, count: authFailures.failures, lastAt: authFailures.lastFailureAt })
      .from(authFailures)
      .where(and(eq(authFailures.username, username), inArray(authFailures.address, [own, ANY_ADDRESS])));
    const fresh = (address: string) => {
      const row = rows.find((r) => r.address === address);
      return row && now - row.lastAt.getTime() <= this.limits.forgetAfterMs
        ? { count: row.count, lastAt: row.lastAt.getTime() }
        : undefined;
    };
    const mine = fresh(own);
    if (!mine) return 0;
    const { perAddress, perUser, maxDelayMs, maxUserWideDelayMs } = this.limits;
    let delay = mine.count >= perAddress ? Math.min(maxDelayMs, 1000 * 2 ** (mine.count - perAddress)) : 0;
    const everyone = fresh(ANY_ADDRESS);
    if (everyone && everyone.count >= perUser) {
      delay = Math.max(delay, Math.min(maxUserWideDelayMs, 1000 * 2 ** Math.min(30, everyone.count - perUser)));
    }
    return Math.max(0, mine.lastAt + delay - now);
  }

  /** One upsert for both counts: concurrent failures on several instances all count. */
  async recordFailure(db: Db, attempt: Attempt, now: number): Promise<void> {
    const { username, own } = keys(attempt);
    const at = new Date(now);
    const forgottenBefore = new Date(now - this.limits.forgetAfterMs);
    await db
      .insert(authFailures)
      .values([own, ANY_ADDRESS].map((address) => ({ username, address, known: attempt.known, failures: 1, lastFailureAt: at })))
      .onConflictDoUpdate({
        target: [authFailures.username, authFailures.address],
        set: {
          failures: sql`case when ${authFailures.lastFailureAt} >= ${forgottenBefore} then ${authFailures.failures} + 1 else 1 end`,
          lastFailureAt: sql`excluded.last_failure_at`,
          known: sql`excluded.known`,
        },
      });
    this.failuresSincePrune += 1;
    if (this.failuresSincePrune >= PRUNE_EVERY_FAILURES) {
      this.failuresSincePrune = 0;
      await this.prune(db, now);
    }
  }

  /** A success clears that address's count only, so it cannot wash away others' guesses. */
  async recordSuccess(db: Db, attempt: Attempt): Promise<void> {
    const { username, own } = keys(attempt);
    await db.delete(authFailures).where(and(eq(authFailures.username, username), eq(authFailures.address, own)));
  }

  /** Drops forgotten rows, then the oldest rows beyond capacity of each kind (known, unknown). */
  async prune(db: Db, now: number): Promise<void> {
    await db.delete(authFailures).where(lt(authFailures.lastFailureAt, new Date(now - this.limits.forgetAfterMs)));
    for (const known of [true, false]) {
      await db.execute(sql`
        delete from ${authFailures} where (username, address) in (
          select username, address from ${authFailures} where known = ${known}
          order by last_failure_at desc offset ${this.limits.capacity})`);
    }
  }
}

function keys(attempt: Attempt) {
  return { username: attempt.username.toLowerCase(), own: throttleAddressKey(attempt.address) };
}

const holder = globalThis as typeof globalThis & { __ferryPasswordThrottle?: PasswordThrottle };
/** The throttle's limits for this process (route bundles are separate module graphs, hence globalThis). */
export function passwordThrottle(): PasswordThrottle {
  holder.__ferryPasswordThrottle ??= new PasswordThrottle({ capacity: env().FERRY_AUTH_THROTTLE_ENTRIES });
  return holder.__ferryPasswordThrottle;
}
