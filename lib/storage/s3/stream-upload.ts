import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type Bucket, isPreconditionFailed } from './objects';

/** 8 MiB parts, 2 on the wire while the next fills: a put holds at most 3 × 8 MiB however large the blob. */
const PART_BYTES = 8 * 1024 * 1024;
const PARALLEL_PARTS = 2;

// Part buffers are reused: a fresh 8 MiB buffer per part (as lib-storage's Upload allocates) is
// garbage V8 collects only after ~64 MiB piles up, which doubled a large upload's memory. The
// pool empties after a quiet spell so an idle server holds none.
const pool: Buffer[] = [];
let drain: NodeJS.Timeout | undefined;
const takeBuffer = () => pool.pop() ?? Buffer.allocUnsafe(PART_BYTES);
function giveBack(buffer: Buffer): void {
  if (pool.length < 2 * (PARALLEL_PARTS + 1)) pool.push(buffer);
  clearTimeout(drain);
  drain = setTimeout(() => pool.splice(0), 10_000);
  drain.unref();
}

/**
 * Streams `source` through `through` (which hashes, counts and may refuse the bytes) into `key`:
 * one PUT when it fits one part, else a multipart upload whose parts go out while later bytes
 * arrive. Nothing becomes visible unless the stream ends without error, so a `through` that
 * verifies the bytes in its flush decides whether the object is written at all. With
 * `ifNoneMatch`, the final PUT or completion is conditional and an existing key is left alone:
 * the answer is then 'exists'.
 */
export async function uploadStream(
  bucket: Bucket,
  key: string,
  source: Readable,
  through: Transform,
  options: { ifNoneMatch?: boolean } = {},
): Promise<'written' | 'exists'> {
  const target = { Bucket: bucket.name, Key: key };
  const condition = options.ifNoneMatch ? { IfNoneMatch: '*' } : {};
  const piping = pipeline(source, through);
  // Awaited below; a failing source rejects it while parts are still being awaited.
  piping.catch(() => undefined);
  let created: Promise<string> | undefined;
  const parts: { PartNumber: number; ETag?: string }[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let partNumber = 0;

  const send = (buffer: Buffer, length: number) => {
    const number = ++partNumber;
    created ??= bucket.client.send(new CreateMultipartUploadCommand(target)).then((answer) => answer.UploadId ?? '');
    const upload = created;
    const task: Promise<void> = (async () => {
      const UploadId = await upload;
      const body = buffer.subarray(0, length);
      const answer = await bucket.client.send(
        new UploadPartCommand({ ...target, UploadId, PartNumber: number, Body: body, ContentLength: length }),
      );
      parts.push({ PartNumber: number, ETag: answer.ETag });
    })()
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        inFlight.delete(task);
        giveBack(buffer);
      });
    inFlight.add(task);
  };

  let current = takeBuffer();
  let filled = 0;
  try {
    for await (const chunk of through as AsyncIterable<Buffer>) {
      for (let offset = 0; offset < chunk.length; ) {
        const copied = chunk.copy(current, filled, offset);
        filled += copied;
        offset += copied;
        if (filled < PART_BYTES) continue;
        while (inFlight.size >= PARALLEL_PARTS) await Promise.race(inFlight);
        if (failure) throw failure;
        send(current, filled);
        current = takeBuffer();
        filled = 0;
      }
    }
    if (!created) {
      await bucket.client.send(new PutObjectCommand({ ...target, Body: current.subarray(0, filled), ContentLength: filled, ...condition }));
      giveBack(current);
    } else {
      if (filled > 0) send(current, filled);
      else giveBack(current);
      await Promise.all([...inFlight]);
      if (failure) throw failure;
      parts.sort((a, b) => a.PartNumber - b.PartNumber);
      const UploadId = await created;
      await bucket.client.send(
        new CompleteMultipartUploadCommand({ ...target, UploadId, MultipartUpload: { Parts: parts }, ...condition }),
      );
    }
    await piping;
    return 'written';
  } catch (error) {
    await Promise.allSettled([...inFlight]);
    if (created) {
      const UploadId = await created.catch(() => undefined);
      if (UploadId) await bucket.client.send(new AbortMultipartUploadCommand({ ...target, UploadId })).catch(() => undefined);
    }
    // The condition is checked when the object is completed, after every byte was read and verified.
    if (options.ifNoneMatch && isPreconditionFailed(error)) {
      await piping;
      return 'exists';
    }
    through.destroy(error as Error);
    await piping.catch(() => undefined);
    throw error;
  }
}
