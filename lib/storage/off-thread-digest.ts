import { Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { BlobVerificationError } from './blob-store';

export type Digests = { sha256: string; md5: string };

// sha256 + md5 cost ~3.5 s per GB on one core, as much as receiving and writing the bytes, so
// they run on a worker thread beside the I/O. Inline source: Next.js bundles lib/, so a separate
// worker file would not be found at run time.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const sessions = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'open') {
    sessions.set(m.id, { ring: new Uint8Array(m.ring), sha256: createHash('sha256'), md5: createHash('md5') });
  } else if (m.op === 'update') {
    const s = sessions.get(m.id);
    if (!s) return;
    const bytes = s.ring.subarray(m.start, m.start + m.length);
    s.sha256.update(bytes);
    s.md5.update(bytes);
    parentPort.postMessage({ id: m.id, ack: m.length });
  } else if (m.op === 'finish') {
    const s = sessions.get(m.id);
    sessions.delete(m.id);
    if (s) parentPort.postMessage({ id: m.id, sha256: s.sha256.digest('hex'), md5: s.md5.digest('hex') });
  } else if (m.op === 'discard') {
    sessions.delete(m.id);
  }
});`;

type Session = {
  pendingBytes: number;
  onAck?: () => void;
  onDigest?: (digests: Digests) => void;
  onError: (error: Error) => void;
};
type Reply = { id: number; ack?: number; sha256?: string; md5?: string };

/**
 * Bytes pass to the worker through a fixed ring of shared memory per stream, so no buffer is
 * allocated per chunk (transferred copies pile up until the worker's GC runs: +100 MB for a
 * large upload); a chunk waits while the ring is full.
 */
const RING_BYTES = 4 * 1024 * 1024;

let worker: Worker | undefined;
let nextId = 1;
const sessions = new Map<number, Session>();

function hashWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(WORKER_SOURCE, { eval: true });
  created.unref();
  created.on('message', (reply: Reply) => {
    const session = sessions.get(reply.id);
    if (!session) return;
    if (reply.ack !== undefined) {
      session.pendingBytes -= reply.ack;
      const wake = session.onAck;
      session.onAck = undefined;
      wake?.();
    } else if (reply.sha256 && reply.md5) {
      sessions.delete(reply.id);
      session.onDigest?.({ sha256: reply.sha256, md5: reply.md5 });
    }
  });
  const fail = (error: Error) => {
    worker = undefined;
    for (const session of sessions.values()) session.onError(error);
    sessions.clear();
  };
  created.on('error', fail);
  created.on('exit', (code) => fail(new Error(`hash worker exited with code ${code}`)));
  worker = created;
  return created;
}

/**
 * Passes bytes through unchanged while a worker thread computes their sha256 and md5; counts
 * them and aborts past maxBytes. `digests()` resolves once the stream has finished.
 */
export class OffThreadDigestingCounter extends Transform {
  bytes = 0;
  private readonly id = nextId++;
  private readonly session: Session;
  private failure?: Error;
  private readonly ring: Uint8Array;
  private writeAt = 0;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
    this.session = {
      pendingBytes: 0,
      onError: (error) => {
        this.failure = error;
        this.session.onAck?.();
        this.destroy(error);
      },
    };
    sessions.set(this.id, this.session);
    const shared = new SharedArrayBuffer(RING_BYTES);
    this.ring = new Uint8Array(shared);
    hashWorker().postMessage({ op: 'open', id: this.id, ring: shared });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new BlobVerificationError('too-large', `content exceeds the limit of ${this.maxBytes} bytes`));
      return;
    }
    this.feed(chunk).then(
      () => callback(null, chunk),
      (error: Error) => callback(error),
    );
  }

  private async feed(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.failure) throw this.failure;
      const free = RING_BYTES - this.session.pendingBytes;
      if (free === 0) {
        await new Promise<void>((resolve) => {
          this.session.onAck = resolve;
        });
        continue;
      }
      const length = Math.min(free, chunk.length - offset, RING_BYTES - this.writeAt);
      this.ring.set(chunk.subarray(offset, offset + length), this.writeAt);
      hashWorker().postMessage({ op: 'update', id: this.id, start: this.writeAt, length });
      this.session.pendingBytes += length;
      this.writeAt = (this.writeAt + length) % RING_BYTES;
      offset += length;
    }
  }

  /** The digests of everything that passed; call after the pipeline has finished. */
  digests(): Promise<Digests> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.session.onDigest = resolve;
      this.session.onError = reject;
      hashWorker().postMessage({ op: 'finish', id: this.id });
    });
  }

  /** Forget the session after a failed write. */
  discard(): void {
    if (!sessions.delete(this.id)) return;
    worker?.postMessage({ op: 'discard', id: this.id });
  }
}
