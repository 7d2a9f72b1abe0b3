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
  if (m.op === 'update') {
    let s = sessions.get(m.id);
    if (!s) sessions.set(m.id, (s = [createHash('sha256'), createHash('md5')]));
    s[0].update(m.chunk);
    s[1].update(m.chunk);
    parentPort.postMessage({ id: m.id, ack: m.chunk.byteLength });
  } else if (m.op === 'finish') {
    const s = sessions.get(m.id) || [createHash('sha256'), createHash('md5')];
    sessions.delete(m.id);
    parentPort.postMessage({ id: m.id, sha256: s[0].digest('hex'), md5: s[1].digest('hex') });
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

/** Bytes handed to the worker but not hashed yet; past this the stream waits (memory stays flat). */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

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
      session.onAck?.();
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

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
    this.session = {
      pendingBytes: 0,
      onError: (error) => {
        this.failure = error;
        this.destroy(error);
      },
    };
    sessions.set(this.id, this.session);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void): void {
    if (this.failure) {
      callback(this.failure);
      return;
    }
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new BlobVerificationError('too-large', `content exceeds the limit of ${this.maxBytes} bytes`));
      return;
    }
    // A private copy is transferred (not cloned): chunks may be views into larger shared buffers.
    const copy = new Uint8Array(chunk);
    this.session.pendingBytes += copy.byteLength;
    hashWorker().postMessage({ op: 'update', id: this.id, chunk: copy }, [copy.buffer]);
    if (this.session.pendingBytes <= MAX_PENDING_BYTES) {
      callback(null, chunk);
      return;
    }
    this.session.onAck = () => {
      if (this.session.pendingBytes > MAX_PENDING_BYTES) return;
      this.session.onAck = undefined;
      callback(null, chunk);
    };
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
