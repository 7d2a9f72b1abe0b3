import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { toWebStream } from '../http/web-stream';
import type { RepositoryRow } from '../projects/queries';
import type { BlobStore } from '../storage/blob-store';
import type { ImageName } from './names';

/** What every /v2/<name>/… handler receives from the dispatcher. */
export type OciContext = {
  db: Db;
  store: BlobStore;
  request: Request;
  url: URL;
  principal: Principal | null;
  image: ImageName;
  repository: RepositoryRow;
  /** Writes the audit row of a push or delete inside the change's transaction (image.push / image.delete). */
  recordChange?: (tx: Db, detail: Record<string, unknown>) => Promise<void>;
};

/** The request body as a Node stream, never buffered; empty when there is none. */
export function requestBodyStream(request: Request): Readable {
  if (!request.body) return Readable.from([]);
  return Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>);
}

/** A streaming response body from a Node stream. */
export function streamBody(stream: Readable): ReadableStream<Uint8Array> {
  return toWebStream(stream);
}

export function actorOf(context: Pick<OciContext, 'principal'>): string {
  return context.principal?.username ?? 'anonymous';
}
