import { getDb } from '../db/client';
import { env } from '../env';
import { getBlobStore } from '../storage';
import { type Runner, startRunner } from './runner';

const holder = globalThis as typeof globalThis & { __ferryRunner?: Runner };

/** Starts this process's runner once (instrumentation and the worker both call it), per FERRY_RUNNER_*. */
export async function startConfiguredRunner(): Promise<Runner | undefined> {
  const e = env();
  if (e.FERRY_RUNNER === 'off') return undefined;
  if (!holder.__ferryRunner) {
    const db = await getDb();
    holder.__ferryRunner = startRunner(
      { db, store: getBlobStore(), now: () => new Date() },
      { leaseMs: e.FERRY_RUNNER_LEASE_SECONDS * 1000, pollMs: e.FERRY_RUNNER_POLL_MS, concurrency: e.FERRY_RUNNER_CONCURRENCY },
    );
  }
  return holder.__ferryRunner;
}

/** Lets a request that just queued work start it now instead of at the next poll. */
export function wakeRunner(): void {
  holder.__ferryRunner?.wake();
}
