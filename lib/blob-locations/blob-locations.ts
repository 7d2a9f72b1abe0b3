import type { Db } from '../db/client';
import { type BlobLocation, findBlobHomes, forgetBlobLocation, recordBlobLocation } from './queries';

export type { BlobLocation } from './queries';

/**
 * What the push path needs to know about where blobs live on target registries. The runner passes
 * the durable one (`blobLocationsIn`); tests of the push client may pass one kept in memory.
 */
export type BlobLocations = {
  record: (location: BlobLocation) => Promise<void>;
  /** Other repositories of the registry believed to hold the digest, freshest first. */
  homes: (query: { registry: string; digest: string; exceptRepository: string; limit: number }) => Promise<string[]>;
  forget: (location: BlobLocation) => Promise<void>;
};

/** Blob locations in the database: shared by every instance, kept across restarts. */
export function blobLocationsIn(db: Db, now: () => Date = () => new Date()): BlobLocations {
  return {
    record: (location) => recordBlobLocation(db, location, now()),
    homes: (query) => findBlobHomes(db, query),
    forget: (location) => forgetBlobLocation(db, location),
  };
}
