import { getDb } from '../db/client';
import { env } from '../env';
import { onRunnerWake } from '../executions/wake';
import { log } from '../http/log';
import { getBlobStore } from '../storage';
import { startHousekeeping } from './housekeeping';
import { type Runner, startRunner } from './runner';

const holder = globalThis as typeof globalThis & { __ferryRunner?: Runner };

/** Starts this process's runner once (instrumentation and the worker both call it), per FERRY_RUNNER_*. */
export async function startConfiguredRunner(): Promise<Runner | undefined> {
  const e = env();
  if (e.FERRY_RUNNER === 'off') return undefined;
  if (!holder.__ferryRunner) {
    const db = await getDb();
    const runner = startRunner(
      { db, store: getBlobStore(), now: () => new Date() },
      {
        leaseMs: e.FERRY_RUNNER_LEASE_SECONDS * 1000,
        pollMs: e.FERRY_RUNNER_POLL_MS,
        maxRuns: e.FERRY_RUNNER_MAX_RUNS,
        transfersPerRun: e.FERRY_RUNNER_CONCURRENCY,
        maxTransfers: e.FERRY_RUNNER_MAX_TRANSFERS,
        webhooks: {
          maxAttempts: e.FERRY_WEBHOOK_MAX_ATTEMPTS,
          retryBaseMs: e.FERRY_WEBHOOK_RETRY_SECONDS * 1000,
          timeoutMs: e.FERRY_WEBHOOK_SEND_SECONDS * 1000,
        },
      },
    );
    holder.__ferryRunner = runner;
    startHousekeeping(db, getBlobStore(), () => new Date(), {
      auditDays: e.FERRY_AUDIT_DAYS,
      blobLocationDays: e.FERRY_BLOB_LOCATION_DAYS,
      historyDays: e.FERRY_HISTORY_DAYS,
    });
    // New events, queued runs and due schedules, of this instance and every other one on the database.
    await onRunnerWake(() => runner.wake()).catch((error: unknown) =>
      log('warn', 'LISTEN failed; the runner polls instead', { error: String(error) }),
    );
  }
  return holder.__ferryRunner;
}
