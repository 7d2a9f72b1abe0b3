import { getDb } from '../db/client';
import { env } from '../env';
import { onArtifactEvent } from '../events/record-event';
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
      { leaseMs: e.FERRY_RUNNER_LEASE_SECONDS * 1000, pollMs: e.FERRY_RUNNER_POLL_MS, concurrency: e.FERRY_RUNNER_CONCURRENCY },
    );
    holder.__ferryRunner = runner;
    onArtifactEvent(() => runner.wake());
    startHousekeeping(db, getBlobStore(), () => new Date());
    if (e.DATABASE_URL) await listenForWork(e.DATABASE_URL, runner);
  }
  return holder.__ferryRunner;
}

/** Other instances' new events and queued runs arrive as NOTIFY (see the notify_runner migration). */
async function listenForWork(databaseUrl: string, runner: Runner): Promise<void> {
  const { Client } = await import('pg');
  const connect = async (): Promise<void> => {
    const client = new Client({ connectionString: databaseUrl });
    client.on('notification', () => runner.wake());
    client.on('error', () => {
      // The poll keeps the runner going meanwhile; reconnect shortly.
      client.end().catch(() => undefined);
      setTimeout(() => void connect().catch(() => undefined), 2000).unref();
    });
    await client.connect();
    await client.query('LISTEN ferry_runner_wake');
  };
  await connect().catch((error: unknown) => log('warn', 'LISTEN failed; the runner polls instead', { error: String(error) }));
}

/** Lets a request that just queued work start it now instead of at the next poll. */
export function wakeRunner(): void {
  holder.__ferryRunner?.wake();
}
