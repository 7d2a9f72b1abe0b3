import type { BlobLocation, BlobLocations } from '../../lib/blob-locations/blob-locations';

/** Blob locations kept in memory for the life of one test: what the push client needs from the durable table. */
export function memoryBlobLocations(): BlobLocations & { all: () => BlobLocation[] } {
  // Insertion order is recency: a re-recorded location moves to the end.
  const seen = new Map<string, BlobLocation>();
  const keyOf = (location: BlobLocation) => JSON.stringify([location.registry, location.digest, location.repository]);
  return {
    record: async (location) => {
      seen.delete(keyOf(location));
      seen.set(keyOf(location), location);
    },
    homes: async (query) =>
      [...seen.values()]
        .reverse()
        .filter((l) => l.registry === query.registry && l.digest === query.digest && l.repository !== query.exceptRepository)
        .slice(0, query.limit)
        .map((l) => l.repository),
    forget: async (location) => {
      seen.delete(keyOf(location));
    },
    all: () => [...seen.values()],
  };
}
