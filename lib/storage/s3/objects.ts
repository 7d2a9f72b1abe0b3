import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  type S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

/** The client and the bucket every call of one store goes to. */
export type Bucket = { client: S3Client; name: string };
export type StoredObject = { key: string; size: number; modifiedAt: Date };

/**
 * 8 MiB parts, 4 in flight: what the SDK's own streaming upload does by default (5 MiB) rounded up
 * to fewer requests; a put holds at most (4 + 1) × 8 MiB, however large the blob.
 */
const PART_BYTES = 8 * 1024 * 1024;
const PARALLEL_PARTS = 4;
/** CopyObject's limit; larger objects are copied in ranges by a multipart upload. */
const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;
const COPY_PART_BYTES = 512 * 1024 * 1024;

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const nameOf = (error: unknown) => (error as { name?: string }).name;

/** A missing key (HEAD answers a bare 404; GET names it NoSuchKey). A missing bucket is not this. */
export const isNotFound = (error: unknown) => statusOf(error) === 404 && nameOf(error) !== 'NoSuchBucket';
/** A conditional write (If-None-Match: *) found the key already there. */
const isPreconditionFailed = (error: unknown) => statusOf(error) === 412;

const copySource = (bucket: Bucket, key: string) => `${bucket.name}/${key.split('/').map(encodeURIComponent).join('/')}`;

export async function headObject(bucket: Bucket, key: string): Promise<{ size: number; modifiedAt: Date } | null> {
  try {
    const head = await bucket.client.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }));
    return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The object's bytes (a range is inclusive) as a stream, or null when the key is absent. */
export async function getObjectStream(bucket: Bucket, key: string, range?: { start: number; end: number }): Promise<Readable | null> {
  try {
    const object = await bucket.client.send(
      new GetObjectCommand({ Bucket: bucket.name, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
    );
    return object.Body as Readable;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function* listObjects(bucket: Bucket, prefix: string): AsyncIterable<StoredObject> {
  let token: string | undefined;
  do {
    const page = await bucket.client.send(new ListObjectsV2Command({ Bucket: bucket.name, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (object.Key) yield { key: object.Key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** Deletes keys, 8 at a time; a key already gone is fine. (One DELETE each: DeleteObjects needs checksums some servers refuse.) */
export async function deleteKeys(bucket: Bucket, keys: string[]): Promise<void> {
  const queue = [...keys];
  const worker = async () => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      await bucket.client.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: key }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
}

/**
 * Server-side copy (no bytes pass through Ferry). With `metadata`, the copy replaces the
 * metadata, which also lets an object be copied onto itself to refresh its modification time.
 */
export async function copyObject(bucket: Bucket, from: string, to: string, size: number, metadata?: Record<string, string>): Promise<void> {
  const replace = metadata ? { MetadataDirective: 'REPLACE' as const, Metadata: metadata } : {};
  if (size <= MAX_SINGLE_COPY_BYTES) {
    await bucket.client.send(new CopyObjectCommand({ Bucket: bucket.name, Key: to, CopySource: copySource(bucket, from), ...replace }));
    return;
  }
  const { UploadId } = await bucket.client.send(new CreateMultipartUploadCommand({ Bucket: bucket.name, Key: to, Metadata: metadata }));
  try {
    const parts = [];
    for (let start = 0, number = 1; start < size; start += COPY_PART_BYTES, number++) {
      const end = Math.min(start + COPY_PART_BYTES, size) - 1;
      const part = await bucket.client.send(
        new UploadPartCopyCommand({
          Bucket: bucket.name,
          Key: to,
          UploadId,
          PartNumber: number,
          CopySource: copySource(bucket, from),
          CopySourceRange: `bytes=${start}-${end}`,
        }),
      );
      parts.push({ PartNumber: number, ETag: part.CopyPartResult?.ETag });
    }
    await bucket.client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket.name, Key: to, UploadId, MultipartUpload: { Parts: parts } }),
    );
  } catch (error) {
    await bucket.client.send(new AbortMultipartUploadCommand({ Bucket: bucket.name, Key: to, UploadId })).catch(() => undefined);
    throw error;
  }
}

/**
 * Streams `source` through `through` (which hashes, counts and may refuse the bytes) into `key`:
 * one PUT when it fits one part, else a multipart upload whose parts go out while later bytes
 * arrive. Nothing becomes visible unless the stream ends without error, so a `through` that
 * verifies the bytes in its flush decides whether the object is written at all. With
 * `ifNoneMatch`, an existing key is left alone and the answer is 'exists'.
 */
export async function uploadStream(
  bucket: Bucket,
  key: string,
  source: Readable,
  through: Transform,
  options: { ifNoneMatch?: boolean } = {},
): Promise<'written' | 'exists'> {
  const upload = new Upload({
    client: bucket.client,
    params: { Bucket: bucket.name, Key: key, Body: through, ...(options.ifNoneMatch ? { IfNoneMatch: '*' } : {}) },
    partSize: PART_BYTES,
    queueSize: PARALLEL_PARTS,
  });
  const piping = pipeline(source, through);
  // Awaited below; a failing source rejects it while the upload is still being awaited.
  piping.catch(() => undefined);
  try {
    await upload.done();
  } catch (error) {
    // The condition is checked when the object is completed, after every byte was read and verified.
    if (options.ifNoneMatch && isPreconditionFailed(error)) {
      await piping;
      return 'exists';
    }
    through.destroy(error as Error);
    await piping.catch(() => undefined);
    throw error;
  }
  await piping;
  return 'written';
}

export type MultipartUpload = { key: string; uploadId: string; initiated: Date };

export async function* listMultipartUploads(bucket: Bucket, prefix: string): AsyncIterable<MultipartUpload> {
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    const page = await bucket.client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket.name, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
    );
    for (const upload of page.Uploads ?? []) {
      if (upload.Key && upload.UploadId) yield { key: upload.Key, uploadId: upload.UploadId, initiated: upload.Initiated ?? new Date(0) };
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
  } while (keyMarker);
}

/** When the newest part of a multipart upload arrived (null: no part yet). */
export async function newestPartAt(bucket: Bucket, upload: MultipartUpload): Promise<Date | null> {
  let newest: Date | null = null;
  let marker: string | undefined;
  do {
    const page = await bucket.client.send(
      new ListPartsCommand({ Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId, PartNumberMarker: marker }),
    );
    for (const part of page.Parts ?? []) {
      if (part.LastModified && (!newest || part.LastModified > newest)) newest = part.LastModified;
    }
    marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
  } while (marker);
  return newest;
}

export async function abortMultipartUpload(bucket: Bucket, upload: MultipartUpload): Promise<void> {
  await bucket.client.send(new AbortMultipartUploadCommand({ Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId }));
}
