import type { Db } from '../db/client';
import { artifactEvents } from '../db/schema';

export type ArtifactEvent = typeof artifactEvents.$inferInsert;

/**
 * Appends to the outbox. Call it with the transaction that makes the change, never after it; the
 * insert wakes the runners when that transaction commits (lib/executions/wake.ts).
 */
export async function recordArtifactEvent(tx: Db, event: ArtifactEvent): Promise<void> {
  await tx.insert(artifactEvents).values(event);
}
