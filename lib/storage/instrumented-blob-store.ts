import type { Readable } from 'node:stream';
import { metrics } from '../observability/metrics';
import type { BlobStore } from './blob-store';

type Timed = <T>(operation: string, work: () => Promise<T>) => Promise<T>;

/**
 * The store, counted in /metrics: each operation's latency by result, bytes written (put, upload
 * chunks) and read (opened streams, counted when they close, from the stream's own `bytesRead`,
 * so reads pass through no extra stream).
 */
export function instrumentBlobStore(store: BlobStore): BlobStore {
  const m = metrics();
  const written = m.blobBytes.labels({ direction: 'write' });
  const read = m.blobBytes.labels({ direction: 'read' });
  const timed: Timed = async (operation, work) => {
    const end = m.blobDuration.startTimer({ operation });
    try {
      const result = await work();
      end({ result: 'ok' });
      return result;
    } catch (error) {
      end({ result: 'error' });
      throw error;
    }
  };
  return {
    ...store,
    put: (source, expect) =>
      timed('put', async () => {
        const info = await store.put(source, expect);
        written.inc(info.size);
        return info;
      }),
    open: (sha256, range) =>
      timed('open', async () => {
        const stream = await store.open(sha256, range);
        stream?.once('close', () => {
          const bytes = (stream as Readable & { bytesRead?: number }).bytesRead;
          if (typeof bytes === 'number' && bytes > 0) read.inc(bytes);
        });
        return stream;
      }),
    stat: (sha256) => timed('stat', () => store.stat(sha256)),
    delete: (sha256) => timed('delete', () => store.delete(sha256)),
    createUpload: () => timed('createUpload', () => store.createUpload()),
    appendUpload: (uploadId, source, options) =>
      timed('appendUpload', async () => {
        const before = options?.offset;
        const size = await store.appendUpload(uploadId, source, options);
        // Without an offset the chunk's size is unknown here (every OCI PATCH passes one).
        if (before !== undefined && size > before) written.inc(size - before);
        return size;
      }),
    uploadSize: (uploadId) => timed('uploadSize', () => store.uploadSize(uploadId)),
    commitUpload: (uploadId, expect) => timed('commitUpload', () => store.commitUpload(uploadId, expect)),
    abortUpload: (uploadId) => timed('abortUpload', () => store.abortUpload(uploadId)),
    sweepTemporaries: (olderThan) => timed('sweepTemporaries', () => store.sweepTemporaries(olderThan)),
  };
}
