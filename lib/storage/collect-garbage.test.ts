import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { listed, sha256Of } from '../../tests/support/blob-store-contract';
import { radosgwEnv, s3SettingsOf, s3StoreOf } from '../../tests/support/radosgw';
import { unitDatabaseForFile } from '../../tests/support/unit-database';
import { collectGarbage } from './collect-garbage';
import type { S3Settings } from './s3/client';

const unit = unitDatabaseForFile();
let settings: S3Settings;

beforeAll(() => {
  settings = { ...s3SettingsOf(radosgwEnv()), prefix: `gc-${randomBytes(6).toString('hex')}/` };
}, 300_000);

/** A stream that yields its first half, then waits until released. */
function held(text: string) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const half = Math.floor(text.length / 2);
  const stream = Readable.from(
    (async function* () {
      yield Buffer.from(text.slice(0, half));
      await gate;
      yield Buffer.from(text.slice(half));
    })(),
  );
  return { stream, release };
}

describe('garbage collection on the S3 store, run from another instance', () => {
  it('deletes unreferenced blobs past the grace period but nothing another instance is uploading', async () => {
    const uploader = s3StoreOf(settings).store;
    const collector = s3StoreOf(settings).store;
    const old = await uploader.put(Readable.from(['unreferenced and old']));
    const inFlight = held('a put still streaming on the uploading instance');
    const writing = uploader.put(inFlight.stream, { sha256: sha256Of('a put still streaming on the uploading instance') });
    const session = await uploader.createUpload();
    await uploader.appendUpload(session, Readable.from(['first chunk ']));

    // Two hours from now: every published, unreferenced blob is past the one-hour grace period.
    const result = await collectGarbage(unit.db, collector, { now: new Date(Date.now() + 2 * 3600_000) });
    expect(result).toMatchObject({ scannedBlobs: 1, deletedBlobs: 1, deletedBytes: old.size, staleUploadsRemoved: 0 });
    expect(await collector.stat(old.sha256)).toBeNull();

    inFlight.release();
    const finished = await writing;
    await uploader.appendUpload(session, Readable.from(['second chunk']), { offset: 12 });
    const committed = await collector.commitUpload(session, { sha256: sha256Of('first chunk second chunk') });
    expect((await listed(collector)).sort()).toEqual([finished.sha256, committed.sha256].sort());
  });

  it('removes upload sessions left for more than a day', async () => {
    const store = s3StoreOf({ ...settings, prefix: `${settings.prefix}stale/` }).store;
    const session = await store.createUpload();
    await store.appendUpload(session, Readable.from(['abandoned']));
    const result = await collectGarbage(unit.db, store, { now: new Date(Date.now() + 25 * 3600_000) });
    expect(result.staleUploadsRemoved).toBe(1);
    expect(await store.uploadSize(session)).toBeNull();
  });
});
