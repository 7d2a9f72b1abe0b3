import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// Where the runner has pushed (or found) each blob on a target registry, so a later push to another
// repository of the same registry mounts it instead of sending the bytes again. Durable, so it
// survives restarts and is shared by every instance; rows not seen for a while are pruned, and a
// stale row costs only a mount the registry refuses (then the blob is uploaded).
export const blobLocations = pgTable(
  'blob_locations',
  {
    /** scheme://host[:port] of the registry, as the push client addresses it. */
    registry: text('registry').notNull(),
    digest: text('digest').notNull(),
    repository: text('repository').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.registry, t.digest, t.repository], name: 'blob_locations_pk' }),
    index('blob_locations_seen').on(t.seenAt),
  ],
);
