import type { Readable } from 'node:stream';
import type { BlobStore, ByteRange } from '../storage/blob-store';
import type { FileNodeRow } from './queries';

/** The bytes of a file node (a range is inclusive), for downloads and the replication runner. */
export async function openFileContent(
  store: BlobStore,
  node: Pick<FileNodeRow, 'sha256' | 'fullPath'>,
  range?: ByteRange,
): Promise<Readable> {
  const stream = await store.open(node.sha256, range);
  if (!stream) throw new Error(`blob ${node.sha256} of ${node.fullPath} is missing from the store`);
  return stream;
}
