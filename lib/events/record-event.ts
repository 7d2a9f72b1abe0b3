import type { Db } from '../db/client';
import { artifactEvents } from '../db/schema';

export type ArtifactEvent = typeof artifactEvents.$inferInsert;

type Listener = () => void;
const holder = globalThis as typeof globalThis & { __ferryEventListeners?: Set<Listener> };
holder.__ferryEventListeners ??= new Set();
const listeners = holder.__ferryEventListeners;

/** Appends to the outbox. Call it with the transaction that makes the change, never after it. */
export async function recordArtifactEvent(tx: Db, event: ArtifactEvent): Promise<void> {
  await tx.insert(artifactEvents).values(event);
  // Tell this process's runner shortly after; if the transaction has not committed by then, the
  // runner's poll (or NOTIFY on PostgreSQL) picks the event up instead.
  setTimeout(() => {
    for (const listener of listeners) listener();
  }, 25).unref();
}

/** The runner subscribes to hear about new events in this process without waiting for a poll. */
export function onArtifactEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
