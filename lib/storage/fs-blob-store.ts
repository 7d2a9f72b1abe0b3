import { createHash, type Hash, randomUUID } from 'node:crypto';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ensurePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fs/private-files';
import { type BlobInfo, type BlobStore, BlobVerificationError, type ByteRange, type PutExpectations, SHA256_HEX } from './blob-store';
import { DigestingCounter } from './digesting-counter';
import { verifyExpectations } from './expectations';
import { type Digests, OffThreadDigestingCounter } from './off-thread-digest';

const READ_CHUNK_BYTES = 256 * 1024;

type UploadState = { sha256: Hash; md5: Hash; size: number };

export function createFsBlobStore(root: string): BlobStore {
  const blobDir = path.join(root, 'sha256');
  const tmpDir = path.join(root, 'tmp');
  const uploadDir = path.join(root, 'uploads');
  const blobPath = (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 hex digest: ${sha256}`);
    return path.join(blobDir, sha256.slice(0, 2), sha256);
  };
  const uploadPath = (id: string) => {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not an upload id: ${id}`);
    return path.join(uploadDir, id);
  };
  // Incremental hash state of uploads written by this process; other processes re-hash the file.
  const uploadStates = new Map<string, UploadState>();
  // The store's folders, private (0700) once per process; retried after a failure.
  let folders: Promise<void> | undefined;
  const ensureFolders = () => {
    folders ??= (async () => {
      for (const dir of [root, blobDir, tmpDir, uploadDir]) await ensurePrivateDir(dir);
    })().catch((error: unknown) => {
      folders = undefined;
      throw error;
    });
    return folders;
  };

  async function verifyAndPublish(file: string, info: BlobInfo, expect: PutExpectations): Promise<BlobInfo> {
    try {
      verifyExpectations(info, expect);
      const target = blobPath(info.sha256);
      await mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
      // Same digest = same bytes: renaming over an existing blob is harmless and atomic.
      await rename(file, target);
      return info;
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  }

  // `flush` fsyncs before the stream closes, and pipeline settles only after the close, so the
  // bytes are durable before any rename. On error the stream closes its own descriptor.
  async function writeSynced(source: Readable, file: string, counter: Transform, flags: string): Promise<void> {
    await pipeline(source, counter, createWriteStream(file, { flags, flush: true, mode: PRIVATE_FILE_MODE }));
  }

  async function hashFile(file: string): Promise<UploadState> {
    const state: UploadState = { sha256: createHash('sha256'), md5: createHash('md5'), size: 0 };
    for await (const chunk of createReadStream(file)) {
      state.sha256.update(chunk as Buffer);
      state.md5.update(chunk as Buffer);
      state.size += (chunk as Buffer).length;
    }
    return state;
  }

  return {
    async put(source, expect = {}) {
      await ensureFolders();
      const file = path.join(tmpDir, randomUUID());
      const counter = new OffThreadDigestingCounter(expect.maxBytes);
      let digests: Digests;
      try {
        await writeSynced(source, file, counter, 'w');
        digests = await counter.digests();
      } catch (error) {
        counter.discard();
        await rm(file, { force: true });
        throw error;
      }
      return verifyAndPublish(file, { ...digests, size: counter.bytes }, expect);
    },

    async open(sha256, range?: ByteRange) {
      const file = blobPath(sha256);
      try {
        const handle = await open(file, 'r');
        // 256 KiB reads: each chunk crosses web streams and Next.js on the way out, so fewer, larger chunks are cheaper.
        return handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, ...(range ? { start: range.start, end: range.end } : {}) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async checkReady() {
      // A missing root would read as "no such blob" everywhere: it must exist, be a folder and be usable.
      if (!(await stat(root)).isDirectory()) throw new Error(`${root} is not a folder`);
      await access(root, constants.R_OK | constants.W_OK | constants.X_OK);
    },

    async stat(sha256) {
      try {
        const info = await stat(blobPath(sha256));
        return { size: info.size, modifiedAt: info.mtime };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async delete(sha256) {
      await rm(blobPath(sha256), { force: true });
    },

    async *list() {
      let prefixes: string[];
      try {
        prefixes = await readdir(blobDir);
      } catch {
        return;
      }
      for (const prefix of prefixes) {
        for (const name of await readdir(path.join(blobDir, prefix))) {
          if (!SHA256_HEX.test(name)) continue;
          const info = await stat(path.join(blobDir, prefix, name)).catch(() => null);
          if (info) yield { sha256: name, modifiedAt: info.mtime };
        }
      }
    },

    async sweepTemporaries(olderThan) {
      let removed = 0;
      for (const dir of [tmpDir, uploadDir]) {
        const names = await readdir(dir).catch(() => [] as string[]);
        for (const name of names) {
          const file = path.join(dir, name);
          const info = await stat(file).catch(() => null);
          // mtime moves with every appended byte, so a slow but live upload is never stale.
          if (!info || info.mtime >= olderThan) continue;
          await rm(file, { force: true });
          uploadStates.delete(name);
          removed++;
        }
      }
      return removed;
    },

    async createUpload() {
      await ensureFolders();
      const id = randomUUID();
      const handle = await open(uploadPath(id), 'w', PRIVATE_FILE_MODE);
      await handle.close();
      uploadStates.set(id, { sha256: createHash('sha256'), md5: createHash('md5'), size: 0 });
      return id;
    },

    async appendUpload(uploadId, source, options = {}) {
      const file = uploadPath(uploadId);
      const current = await stat(file).catch(() => null);
      if (!current) throw new BlobVerificationError('offset', `upload ${uploadId} does not exist`);
      if (options.offset !== undefined && options.offset !== current.size) {
        throw new BlobVerificationError('offset', `chunk starts at ${options.offset} but the upload holds ${current.size} bytes`);
      }
      let state = uploadStates.get(uploadId);
      if (!state || state.size !== current.size) state = await hashFile(file);
      uploadStates.delete(uploadId);
      const counter = new DigestingCounter([state.sha256, state.md5], options.maxBytes, current.size);
      try {
        await writeSynced(source, file, counter, 'a');
      } catch (error) {
        // A broken chunk leaves an unknown tail: cut back to the last good size so the client can resend it.
        const handle = await open(file, 'r+');
        await handle.truncate(current.size);
        await handle.close();
        throw error;
      }
      state.size = counter.bytes;
      uploadStates.set(uploadId, state);
      return counter.bytes;
    },

    async uploadSize(uploadId) {
      const info = await stat(uploadPath(uploadId)).catch(() => null);
      return info ? info.size : null;
    },

    async commitUpload(uploadId, expect) {
      const file = uploadPath(uploadId);
      const current = await stat(file).catch(() => null);
      if (!current) throw new BlobVerificationError('offset', `upload ${uploadId} does not exist`);
      let state = uploadStates.get(uploadId);
      if (!state || state.size !== current.size) state = await hashFile(file);
      uploadStates.delete(uploadId);
      const info = { sha256: state.sha256.digest('hex'), md5: state.md5.digest('hex'), size: state.size };
      return verifyAndPublish(file, info, expect);
    },

    async abortUpload(uploadId) {
      uploadStates.delete(uploadId);
      await unlink(uploadPath(uploadId)).catch(() => undefined);
    },
  };
}
