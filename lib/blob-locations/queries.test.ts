import { describe, expect, it } from 'vitest';
import { unitDatabaseForFile } from '../../tests/support/unit-database';
import { blobLocationsIn } from './blob-locations';
import { findBlobHomes, forgetBlobLocation, pruneBlobLocations, recordBlobLocation } from './queries';

const unit = unitDatabaseForFile();

const DAY = 86_400_000;
const now = new Date('2031-06-01T00:00:00Z');
const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
let sequence = 0;
/** A registry of its own per test, so the tests sharing the file's database keep apart. */
const freshRegistry = () => `http://127.0.0.1:${5000 + ++sequence}`;
const digest = `sha256:${'a'.repeat(64)}`;

describe('blob locations', () => {
  it('lists other repositories of the same registry, freshest first', async () => {
    const registry = freshRegistry();
    await recordBlobLocation(unit.db, { registry, digest, repository: 'ns1/app' }, at(3));
    await recordBlobLocation(unit.db, { registry, digest, repository: 'ns2/app' }, at(1));
    await recordBlobLocation(unit.db, { registry, digest, repository: 'ns3/app' }, at(2));
    await recordBlobLocation(unit.db, { registry: freshRegistry(), digest, repository: 'elsewhere/app' }, at(0));
    await recordBlobLocation(unit.db, { registry, digest: `sha256:${'b'.repeat(64)}`, repository: 'other/app' }, at(0));
    const homes = (exceptRepository: string, limit = 10) => findBlobHomes(unit.db, { registry, digest, exceptRepository, limit });
    expect(await homes('target/app')).toEqual(['ns2/app', 'ns3/app', 'ns1/app']);
    expect(await homes('ns2/app', 2)).toEqual(['ns3/app', 'ns1/app']);
    // Seen again: the oldest becomes the freshest (an upsert, not a second row).
    await recordBlobLocation(unit.db, { registry, digest, repository: 'ns1/app' }, at(0));
    expect(await homes('target/app')).toEqual(['ns1/app', 'ns2/app', 'ns3/app']);
  });

  it('forgets one location and keeps the others', async () => {
    const registry = freshRegistry();
    const locations = blobLocationsIn(unit.db, () => now);
    await locations.record({ registry, digest, repository: 'stale/app' });
    await locations.record({ registry, digest, repository: 'good/app' });
    await forgetBlobLocation(unit.db, { registry, digest, repository: 'stale/app' });
    expect(await locations.homes({ registry, digest, exceptRepository: 'target/app', limit: 5 })).toEqual(['good/app']);
  });

  it('prunes locations not seen for the given days, and only those', async () => {
    const registry = freshRegistry();
    await recordBlobLocation(unit.db, { registry, digest, repository: 'old/app' }, at(31));
    await recordBlobLocation(unit.db, { registry, digest, repository: 'edge/app' }, at(29));
    await recordBlobLocation(unit.db, { registry, digest, repository: 'new/app' }, at(0));
    expect(await pruneBlobLocations(unit.db, { now, days: 30 })).toBe(1);
    expect(await findBlobHomes(unit.db, { registry, digest, exceptRepository: '', limit: 5 })).toEqual(['new/app', 'edge/app']);
    // A second run deletes nothing more (housekeeping may run on several instances).
    expect(await pruneBlobLocations(unit.db, { now, days: 30 })).toBe(0);
  });
});
