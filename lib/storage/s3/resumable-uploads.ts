import { createHash, type Hash, randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type BlobInfo, type BlobStore, BlobVerificationError, type PutExpectations } from '../blob-store';
import { DigestingCounter } from '../digesting-counter';
import { verifyExpectations } from '../expectations';
import { OffThreadDigestingCounter } from '../off-thread-digest';
import type { S3Keys } from './keys';
import { type Bucket, composable, deleteKeys, getObjectStream, listObjects } from './objects';
import { uploadStream } from './stream-upload';

type HashState = { sha256: Hash; md5: Hash; size: number };
type Part = { key: string; offset: number; size: number };
type UploadObjects = { parts: Part[]; size: number; keys: string[] };

/** Hash states kept per process; beyond this many, the oldest are dropped (their commit re-hashes). */
const MAX_LOCAL_STATES = 1024;

export type UploadDependencies = {
  bucket: Bucket;
  keys: S3Keys;
  put: BlobStore['put'];
  /** Makes verified objects visible, joined, under their digest (copy, or refresh an existing blob). */
  publish: (fromKeys: string[], info: BlobInfo) => Promise<void>;
};

/**
 * Resumable uploads whose whole state is in the bucket, so each request of one upload may land on
 * a different instance: a marker object says the upload exists, and each PATCH chunk becomes one
 * object named by its offset (written with If-None-Match, so two instances cannot both write the
 * chunk at one offset). The size is the chain of parts from offset 0. An instance that saw every
 * chunk keeps the running sha256/md5 and commits without reading the bytes back; any other
 * instance re-hashes them from the bucket at commit.
 */
export function createS3Uploads({ bucket, keys, put, publish }: UploadDependencies) {
  const states = new Map<string, HashState>();
  /** The state of an upload if it covers exactly `size` bytes; taken out of the map either way. */
  const takeState = (id: string, size: number) => {
    const state = states.get(id);
    states.delete(id);
    return state?.size === size ? state : undefined;
  };
  const keepState = (id: string, state: HashState) => {
    states.set(id, state);
    if (states.size > MAX_LOCAL_STATES) states.delete(states.keys().next().value as string);
  };

  async function readUpload(id: string): Promise<UploadObjects | null> {
    const folder = keys.upload(id);
    let exists = false;
    const found: Part[] = [];
    const all: string[] = [];
    for await (const object of listObjects(bucket, folder)) {
      all.push(object.key);
      const name = object.key.slice(folder.length);
      if (name === 'created') exists = true;
      const offset = keys.offsetOf(name);
      if (offset !== null) found.push({ key: object.key, offset, size: object.size });
    }
    if (!exists) return null;
    found.sort((a, b) => a.offset - b.offset);
    const parts: Part[] = [];
    let size = 0;
    for (const part of found) {
      if (part.offset !== size) break;
      parts.push(part);
      size += part.size;
    }
    return { parts, size, keys: all };
  }

  async function readOrThrow(id: string): Promise<UploadObjects> {
    const upload = await readUpload(id);
    if (!upload) throw new BlobVerificationError('offset', `upload ${id} does not exist`);
    return upload;
  }

  /** The parts' bytes in order, one GET after another. */
  function concatenated(parts: Part[]): Readable {
    return Readable.from(
      (async function* () {
        for (const part of parts) {
          const body = await getObjectStream(bucket, part.key);
          if (!body) throw new Error(`upload part ${part.key} vanished`);
          yield* body;
        }
      })(),
    );
  }

  async function digestOf(parts: Part[]): Promise<BlobInfo> {
    const counter = new OffThreadDigestingCounter();
    const discard = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    try {
      await pipeline(concatenated(parts), counter, discard);
      return { ...(await counter.digests()), size: counter.bytes };
    } catch (error) {
      counter.discard();
      throw error;
    }
  }

  return {
    async create(): Promise<string> {
      const id = randomUUID();
      await bucket.client.send(new PutObjectCommand({ Bucket: bucket.name, Key: keys.marker(id), Body: '', ContentLength: 0 }));
      keepState(id, { sha256: createHash('sha256'), md5: createHash('md5'), size: 0 });
      return id;
    },

    async append(id: string, source: Readable, options: { offset?: number; maxBytes?: number } = {}): Promise<number> {
      const upload = await readOrThrow(id);
      if (options.offset !== undefined && options.offset !== upload.size) {
        throw new BlobVerificationError('offset', `chunk starts at ${options.offset} but the upload holds ${upload.size} bytes`);
      }
      // A failed chunk leaves the state half-updated: it is only put back after success.
      const state = takeState(id, upload.size);
      const counter = new DigestingCounter(state ? [state.sha256, state.md5] : [], options.maxBytes, upload.size);
      const key = keys.part(id, upload.size);
      if ((await uploadStream(bucket, key, source, counter, { ifNoneMatch: true })) === 'exists') {
        throw new BlobVerificationError('offset', `another request already wrote the chunk at ${upload.size}`);
      }
      // An empty chunk adds nothing; its object would block the next chunk's key.
      if (counter.bytes === upload.size) await deleteKeys(bucket, [key]);
      if (state) keepState(id, { ...state, size: counter.bytes });
      return counter.bytes;
    },

    async size(id: string): Promise<number | null> {
      return (await readUpload(id))?.size ?? null;
    },

    async commit(id: string, expect: PutExpectations): Promise<BlobInfo> {
      const upload = await readOrThrow(id);
      const state = takeState(id, upload.size);
      try {
        const sizes = upload.parts.map((part) => part.size);
        // Chunks S3 can join server-side (one, or all but the last ≥ 5 MiB: docker, skopeo, Ferry's
        // runner): verify, then copy. Others (or none) are streamed into one object, verified on the way.
        if (sizes.length !== 1 && !composable(sizes)) return await put(concatenated(upload.parts), expect);
        const info = state
          ? { sha256: state.sha256.digest('hex'), md5: state.md5.digest('hex'), size: state.size }
          : await digestOf(upload.parts);
        verifyExpectations(info, expect);
        await publish(
          upload.parts.map((part) => part.key),
          info,
        );
        return info;
      } finally {
        // Consumed either way: published under its digest, or discarded on a mismatch.
        await deleteKeys(bucket, upload.keys);
      }
    },

    async abort(id: string): Promise<void> {
      states.delete(id);
      const upload = keys.upload(id);
      const found: string[] = [];
      for await (const object of listObjects(bucket, upload)) found.push(object.key);
      await deleteKeys(bucket, found);
    },

    /** Uploads with no object newer than `olderThan` and no chunk in flight (`live` keys) are removed. */
    async sweep(olderThan: Date, live: Set<string>): Promise<number> {
      const groups = new Map<string, { keys: string[]; newest: Date }>();
      for await (const object of listObjects(bucket, keys.uploads)) {
        const id = object.key.slice(keys.uploads.length).split('/')[0] ?? '';
        const group = groups.get(id) ?? { keys: [], newest: new Date(0) };
        group.keys.push(object.key);
        if (object.modifiedAt > group.newest) group.newest = object.modifiedAt;
        groups.set(id, group);
      }
      const inFlight = new Set(
        [...live].filter((key) => key.startsWith(keys.uploads)).map((key) => key.slice(keys.uploads.length).split('/')[0]),
      );
      let removed = 0;
      for (const [id, group] of groups) {
        if (group.newest >= olderThan || inFlight.has(id)) continue;
        await deleteKeys(bucket, group.keys);
        states.delete(id);
        removed++;
      }
      return removed;
    },
  };
}
