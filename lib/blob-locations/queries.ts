import { and, desc, eq, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { blobLocations } from '../db/schema';

/** One repository of one registry known to hold a blob. */
export type BlobLocation = {
  /** scheme://host[:port] of the registry, as the push client addresses it. */
  registry: string;
  digest: string;
  repository: string;
};

const DAY_MS = 86_400_000;

const locationIs = (location: BlobLocation) =>
  and(
    eq(blobLocations.registry, location.registry),
    eq(blobLocations.digest, location.digest),
    eq(blobLocations.repository, location.repository),
  );

/** Remembers that `repository` holds the blob, or refreshes when it was last seen there. */
export async function recordBlobLocation(db: Db, location: BlobLocation, now: Date): Promise<void> {
  await db
    .insert(blobLocations)
    .values({ ...location, seenAt: now })
    .onConflictDoUpdate({ target: [blobLocations.registry, blobLocations.digest, blobLocations.repository], set: { seenAt: now } });
}

/** Other repositories of the registry known to hold the blob, most recently seen first: mount candidates. */
export async function findBlobHomes(
  db: Db,
  query: { registry: string; digest: string; exceptRepository: string; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ repository: blobLocations.repository })
    .from(blobLocations)
    .where(
      and(
        eq(blobLocations.registry, query.registry),
        eq(blobLocations.digest, query.digest),
        ne(blobLocations.repository, query.exceptRepository),
      ),
    )
    .orderBy(desc(blobLocations.seenAt), blobLocations.repository)
    .limit(query.limit);
  return rows.map((row) => row.repository);
}

/** Drops a location the registry no longer honours (it answered a mount from there with 202). */
export async function forgetBlobLocation(db: Db, location: BlobLocation): Promise<void> {
  await db.delete(blobLocations).where(locationIs(location));
}

/** Removes locations not seen for `days` days; for the hourly housekeeping. Returns how many. */
export async function pruneBlobLocations(db: Db, options: { now: Date; days: number }): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.days * DAY_MS);
  const deleted = await db.delete(blobLocations).where(lt(blobLocations.seenAt, cutoff)).returning({ digest: blobLocations.digest });
  return deleted.length;
}
