// The behaviour every BlobStore must show, run against each implementation (filesystem, S3) by
// its own test file: callers (generic files, OCI, the runner, GC) rely on exactly this.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { beforeEach, describe, expect, it } from 'vitest';
import { type BlobStore, BlobVerificationError } from '../../lib/storage/blob-store';

export type ContractStores = {
  store: BlobStore;
  /** Another instance on the same storage, as a second process or host would have. */
  sibling: () => BlobStore;
  /** What in-flight writes occupy (temporary puts, uploads): empty once nothing is in flight. */
  inFlight: () => Promise<string[]>;
};

export const sha256Of = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');
const md5Of = (value: string | Buffer) => createHash('md5').update(value).digest('hex');

export async function listed(store: BlobStore): Promise<string[]> {
  const out: string[] = [];
  for await (const blob of store.list()) out.push(blob.sha256);
  return out.sort();
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error,
  );

/** A stream that yields `first`, then waits until `release()` before yielding `rest`. */
function heldStream(first: string, rest: string) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stream = Readable.from(
    (async function* () {
      yield Buffer.from(first);
      await gate;
      yield Buffer.from(rest);
    })(),
  );
  return { stream, release };
}

export function blobStoreContract(name: string, fresh: () => Promise<ContractStores>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let stores: ContractStores;
    beforeEach(async () => {
      stores = await fresh();
      store = stores.store;
    });

    describe('put', () => {
      it('stores content under its sha256 and reports both digests and the size', async () => {
        const info = await store.put(Readable.from(['hello ', 'world']));
        expect(info).toEqual({ sha256: sha256Of('hello world'), md5: md5Of('hello world'), size: 11 });
        const stream = await store.open(info.sha256);
        expect(stream && (await text(stream))).toBe('hello world');
        expect(await listed(store)).toEqual([info.sha256]);
        expect(await stores.inFlight()).toEqual([]);
      });

      it('accepts matching expectations in either case of hex', async () => {
        const info = await store.put(Readable.from(['abc']), { sha256: sha256Of('abc').toUpperCase(), md5: md5Of('abc'), size: 3 });
        expect(info).toEqual({ sha256: sha256Of('abc'), md5: md5Of('abc'), size: 3 });
        expect(await listed(store)).toEqual([sha256Of('abc')]);
      });

      it.each([
        ['sha256', { sha256: sha256Of('other') }],
        ['md5', { md5: md5Of('other') }],
        ['md5', { sha256: sha256Of('abc'), md5: md5Of('other') }],
        ['size', { size: 4 }],
        ['size', { sha256: sha256Of('abc'), size: 2 }],
      ] as const)('rejects a %s mismatch (%j) and stores nothing', async (reason, expectations) => {
        const error = await failure(store.put(Readable.from(['abc']), expectations));
        expect(error).toBeInstanceOf(BlobVerificationError);
        expect((error as BlobVerificationError).reason).toBe(reason);
        expect(await listed(store)).toEqual([]);
        expect(await store.stat(sha256Of('abc'))).toBeNull();
        expect(await stores.inFlight()).toEqual([]);
      });

      it('stops reading past maxBytes and stores nothing', async () => {
        let produced = 0;
        const endless = new Readable({
          read() {
            produced += 1024;
            this.push(Buffer.alloc(1024, 1));
          },
        });
        const error = await failure(store.put(endless, { maxBytes: 10_000 }));
        expect((error as BlobVerificationError).reason).toBe('too-large');
        expect(produced).toBeLessThan(100_000);
        expect(await listed(store)).toEqual([]);
        expect(await stores.inFlight()).toEqual([]);
      });

      it('stores nothing when the source fails half-way', async () => {
        const broken = new Readable({ read() {} });
        broken.push('partial');
        setTimeout(() => broken.destroy(new Error('client went away')), 10);
        await expect(store.put(broken, { sha256: sha256Of('partial') })).rejects.toThrow('client went away');
        expect(await listed(store)).toEqual([]);
        expect(await stores.inFlight()).toEqual([]);
      });

      it('digests and stores content larger than the hash window and several upload parts', async () => {
        const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(512 * 1024, i));
        const whole = Buffer.concat(chunks);
        for (const expectations of [{}, { sha256: sha256Of(whole) }]) {
          const info = await store.put(Readable.from(chunks), expectations);
          expect(info).toEqual({ sha256: sha256Of(whole), md5: md5Of(whole), size: whole.length });
          const back = await store.open(info.sha256, { start: whole.length - 5, end: whole.length - 1 });
          expect(back && Buffer.concat(await back.toArray())).toEqual(whole.subarray(-5));
        }
        expect(await stores.inFlight()).toEqual([]);
      });

      it('keeps one copy of identical content', async () => {
        const first = await store.put(Readable.from(['same bytes']));
        const second = await store.put(Readable.from(['same ', 'bytes']));
        const declared = await store.put(Readable.from(['same bytes']), { sha256: first.sha256 });
        expect(second).toEqual(first);
        expect(declared).toEqual(first);
        expect(await listed(store)).toEqual([first.sha256]);
      });

      it('lets concurrent identical puts from two instances both succeed with one blob', async () => {
        const other = stores.sibling();
        const bytes = Buffer.alloc(300_000, 7);
        const results = await Promise.all([
          store.put(Readable.from([bytes])),
          other.put(Readable.from([bytes])),
          store.put(Readable.from([bytes]), { sha256: sha256Of(bytes) }),
          other.put(Readable.from([bytes]), { sha256: sha256Of(bytes) }),
        ]);
        for (const info of results) expect(info).toEqual({ sha256: sha256Of(bytes), md5: md5Of(bytes), size: bytes.length });
        expect(await listed(store)).toEqual([sha256Of(bytes)]);
        expect((await store.stat(sha256Of(bytes)))?.size).toBe(bytes.length);
        expect(await stores.inFlight()).toEqual([]);
      });

      it('refreshes the modification time of a blob uploaded again, so GC counts it as new', async () => {
        const { sha256 } = await store.put(Readable.from(['again']));
        const before = (await store.stat(sha256))?.modifiedAt as Date;
        // S3 keeps modification times to the second, set by the server's clock: wait it out.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        await store.put(Readable.from(['again']), { sha256 });
        const declared = (await store.stat(sha256))?.modifiedAt as Date;
        expect(declared.getTime()).toBeGreaterThan(before.getTime());
        await new Promise((resolve) => setTimeout(resolve, 1100));
        await store.put(Readable.from(['again']));
        expect((await store.stat(sha256))?.modifiedAt.getTime()).toBeGreaterThan(declared.getTime());
      });
    });

    describe('open, stat, delete and list', () => {
      it('reads an inclusive byte range', async () => {
        const { sha256 } = await store.put(Readable.from(['0123456789']));
        const stream = await store.open(sha256, { start: 2, end: 5 });
        expect(stream && (await text(stream))).toBe('2345');
        const last = await store.open(sha256, { start: 9, end: 9 });
        expect(last && (await text(last))).toBe('9');
      });

      it('answers null for an absent blob and refuses a malformed digest', async () => {
        expect(await store.open(sha256Of('absent'))).toBeNull();
        expect(await store.stat(sha256Of('absent'))).toBeNull();
        await expect(store.open('../../etc/passwd')).rejects.toThrow('not a sha256');
        await expect(store.stat('ABC')).rejects.toThrow('not a sha256');
        await expect(store.delete('x/../y')).rejects.toThrow('not a sha256');
      });

      it('stats and deletes a blob; deleting it again is harmless', async () => {
        const { sha256 } = await store.put(Readable.from(['abc']));
        const stat = await store.stat(sha256);
        expect(stat?.size).toBe(3);
        expect(Math.abs((stat?.modifiedAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
        await store.delete(sha256);
        expect(await store.stat(sha256)).toBeNull();
        expect(await store.open(sha256)).toBeNull();
        await store.delete(sha256);
      });

      it('lists every stored blob with its modification time, whichever instance stored it', async () => {
        const a = await store.put(Readable.from(['one']));
        const b = await stores.sibling().put(Readable.from(['two']));
        const seen = new Map<string, Date>();
        for await (const blob of stores.sibling().list()) seen.set(blob.sha256, blob.modifiedAt);
        expect([...seen.keys()].sort()).toEqual([a.sha256, b.sha256].sort());
        for (const when of seen.values()) expect(Math.abs(when.getTime() - Date.now())).toBeLessThan(60_000);
      });
    });

    describe('resumable uploads', () => {
      it('appends chunks in order and commits them under their digest', async () => {
        const id = await store.createUpload();
        expect(await store.uploadSize(id)).toBe(0);
        expect(await store.appendUpload(id, Readable.from(['hello ']), { offset: 0 })).toBe(6);
        expect(await store.appendUpload(id, Readable.from(['world']), { offset: 6 })).toBe(11);
        expect(await store.uploadSize(id)).toBe(11);
        expect(await listed(store)).toEqual([]);
        const info = await store.commitUpload(id, { sha256: sha256Of('hello world') });
        expect(info).toEqual({ sha256: sha256Of('hello world'), md5: md5Of('hello world'), size: 11 });
        expect(await store.uploadSize(id)).toBeNull();
        expect(await listed(store)).toEqual([info.sha256]);
        expect(await stores.inFlight()).toEqual([]);
      });

      it('commits a single chunk, an empty upload, and content that is already stored', async () => {
        const single = await store.createUpload();
        await store.appendUpload(single, Readable.from(['only chunk']));
        expect((await store.commitUpload(single, { sha256: sha256Of('only chunk') })).size).toBe(10);
        const empty = await store.createUpload();
        await store.appendUpload(empty, Readable.from([]));
        expect(await store.commitUpload(empty, { sha256: sha256Of('') })).toEqual({ sha256: sha256Of(''), md5: md5Of(''), size: 0 });
        const again = await store.createUpload();
        await store.appendUpload(again, Readable.from(['only ']));
        await store.appendUpload(again, Readable.from(['chunk']));
        expect((await store.commitUpload(again, {})).sha256).toBe(sha256Of('only chunk'));
        expect(await listed(store)).toEqual([sha256Of(''), sha256Of('only chunk')].sort());
        const stream = await store.open(sha256Of('only chunk'));
        expect(stream && (await text(stream))).toBe('only chunk');
        expect(await stores.inFlight()).toEqual([]);
      });

      it('ignores an empty chunk between two others', async () => {
        const id = await store.createUpload();
        await store.appendUpload(id, Readable.from(['ab']), { offset: 0 });
        expect(await store.appendUpload(id, Readable.from([]), { offset: 2 })).toBe(2);
        expect(await store.appendUpload(id, Readable.from(['cd']), { offset: 2 })).toBe(4);
        expect((await store.commitUpload(id, {})).sha256).toBe(sha256Of('abcd'));
      });

      it('refuses a chunk at the wrong offset and keeps what was there', async () => {
        const id = await store.createUpload();
        await store.appendUpload(id, Readable.from(['abc']), { offset: 0 });
        for (const offset of [5, 0, 2]) {
          const error = await failure(store.appendUpload(id, Readable.from(['def']), { offset }));
          expect((error as BlobVerificationError).reason).toBe('offset');
        }
        expect(await store.uploadSize(id)).toBe(3);
        expect((await store.commitUpload(id, {})).sha256).toBe(sha256Of('abc'));
      });

      it('drops a chunk that exceeds maxBytes and keeps the last good size', async () => {
        const id = await store.createUpload();
        await store.appendUpload(id, Readable.from(['abc']));
        const error = await failure(store.appendUpload(id, Readable.from(['defghij']), { maxBytes: 5 }));
        expect((error as BlobVerificationError).reason).toBe('too-large');
        expect(error?.message).toContain('limit');
        expect(await store.uploadSize(id)).toBe(3);
        await store.appendUpload(id, Readable.from(['de']));
        expect((await store.commitUpload(id, {})).sha256).toBe(sha256Of('abcde'));
      });

      it('drops a chunk whose source fails half-way', async () => {
        const id = await store.createUpload();
        await store.appendUpload(id, Readable.from(['abc']));
        const broken = new Readable({ read() {} });
        broken.push('partial');
        setTimeout(() => broken.destroy(new Error('client went away')), 10);
        await expect(store.appendUpload(id, broken, { offset: 3 })).rejects.toThrow('client went away');
        expect(await store.uploadSize(id)).toBe(3);
        await store.appendUpload(id, Readable.from(['def']), { offset: 3 });
        expect((await store.commitUpload(id, { md5: md5Of('abcdef') })).sha256).toBe(sha256Of('abcdef'));
      });

      it('continues an upload on other instances, chunk by chunk, and commits anywhere', async () => {
        const other = stores.sibling();
        const id = await store.createUpload();
        expect(await other.uploadSize(id)).toBe(0);
        await store.appendUpload(id, Readable.from(['abc']), { offset: 0 });
        await other.appendUpload(id, Readable.from(['def']), { offset: 3 });
        await store.appendUpload(id, Readable.from(['ghi']), { offset: 6 });
        expect(await other.uploadSize(id)).toBe(9);
        expect(await store.uploadSize(id)).toBe(9);
        // The first instance's running digest missed the middle chunk: it must not be trusted.
        expect(await store.commitUpload(id, { sha256: sha256Of('abcdefghi') })).toEqual({
          sha256: sha256Of('abcdefghi'),
          md5: md5Of('abcdefghi'),
          size: 9,
        });
        const second = await other.createUpload();
        await store.appendUpload(second, Readable.from(['single chunk elsewhere']));
        expect((await other.commitUpload(second, { sha256: sha256Of('single chunk elsewhere') })).size).toBe(22);
        expect(await listed(other)).toEqual([sha256Of('abcdefghi'), sha256Of('single chunk elsewhere')].sort());
        expect(await stores.inFlight()).toEqual([]);
      });

      it('refuses a chunk at the offset another instance has already filled', async () => {
        const other = stores.sibling();
        const id = await store.createUpload();
        await store.appendUpload(id, Readable.from(['abc']), { offset: 0 });
        const error = await failure(other.appendUpload(id, Readable.from(['xyz']), { offset: 0 }));
        expect((error as BlobVerificationError).reason).toBe('offset');
        expect((await other.commitUpload(id, {})).sha256).toBe(sha256Of('abc'));
      });

      it('stores nothing when the committed digest does not match, and forgets the upload', async () => {
        for (const chunks of [['abc'], ['ab', 'c']]) {
          const id = await store.createUpload();
          for (const chunk of chunks) await store.appendUpload(id, Readable.from([chunk]));
          const error = await failure(store.commitUpload(id, { sha256: sha256Of('xyz') }));
          expect((error as BlobVerificationError).reason).toBe('sha256');
          expect(await listed(store)).toEqual([]);
          expect(await store.uploadSize(id)).toBeNull();
        }
        expect(await stores.inFlight()).toEqual([]);
      });

      it('aborts an upload and forgets it, on any instance', async () => {
        const id = await store.createUpload();
        await store.appendUpload(id, Readable.from(['abc']));
        await stores.sibling().abortUpload(id);
        expect(await store.uploadSize(id)).toBeNull();
        await expect(store.appendUpload(id, Readable.from(['x']))).rejects.toThrow('does not exist');
        await expect(store.commitUpload(id, {})).rejects.toThrow('does not exist');
        expect(await stores.inFlight()).toEqual([]);
      });

      it('refuses malformed and unknown upload ids', async () => {
        await expect(store.appendUpload('../escape', Readable.from(['x']))).rejects.toThrow('not an upload id');
        expect(await store.uploadSize('00000000-0000-0000-0000-000000000000')).toBeNull();
        await expect(store.commitUpload('00000000-0000-0000-0000-000000000000', {})).rejects.toThrow('does not exist');
      });
    });

    describe('garbage collection support', () => {
      it('never lists or sweeps what another instance is still writing', async () => {
        const gc = stores.sibling();
        const held = heldStream('first half, ', 'second half');
        const writing = store.put(held.stream, { sha256: sha256Of('first half, second half') });
        const upload = await store.createUpload();
        await store.appendUpload(upload, Readable.from(['chunk']));
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await listed(gc)).toEqual([]);
        expect(await gc.sweepTemporaries(new Date(Date.now() - 24 * 3600_000))).toBe(0);
        held.release();
        const info = await writing;
        expect(await listed(gc)).toEqual([info.sha256]);
        expect(await gc.uploadSize(upload)).toBe(5);
        expect((await gc.commitUpload(upload, {})).sha256).toBe(sha256Of('chunk'));
      });

      it('sweeps abandoned uploads older than the cut-off and never stored blobs', async () => {
        const { sha256 } = await store.put(Readable.from(['kept']));
        const abandoned = await store.createUpload();
        await store.appendUpload(abandoned, Readable.from(['left behind']));
        const empty = await store.createUpload();
        expect(await store.sweepTemporaries(new Date(Date.now() - 3600_000))).toBe(0);
        expect(await store.uploadSize(abandoned)).toBe(11);
        // A cut-off in the future makes everything in flight stale.
        expect(await stores.sibling().sweepTemporaries(new Date(Date.now() + 3600_000))).toBe(2);
        expect(await store.uploadSize(abandoned)).toBeNull();
        expect(await store.uploadSize(empty)).toBeNull();
        expect(await listed(store)).toEqual([sha256]);
        expect(await stores.inFlight()).toEqual([]);
      });
    });
  });
}
