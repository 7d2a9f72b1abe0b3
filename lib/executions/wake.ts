import { sql } from 'drizzle-orm';
import { type Db, listenDatabase } from '../db/client';

/**
 * The one wake channel. Inserts into executions and artifact_events notify it by trigger (see the
 * notify_runner migration); operations that make a schedule due call notifyRunner. PostgreSQL and
 * PGlite both deliver a NOTIFY when its transaction commits, to this process and every other one
 * on the database, so a runner never wakes before the work it is told about is visible.
 */
const RUNNER_WAKE_CHANNEL = 'ferry_runner_wake';

/** Wakes every runner on this database once the caller's transaction commits (at once outside one). */
export async function notifyRunner(db: Db, reason: string): Promise<void> {
  await db.execute(sql`select pg_notify(${RUNNER_WAKE_CHANNEL}, ${reason})`);
}

/** The runner subscribes here; returns the unsubscribe. */
export function onRunnerWake(listener: () => void): Promise<() => Promise<void>> {
  return listenDatabase(RUNNER_WAKE_CHANNEL, listener);
}
