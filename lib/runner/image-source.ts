import type { Readable } from 'node:stream';
import type { Db } from '../db/client';
import { findManifestByReference, type ImageRef } from '../oci/queries';
import type { BlobStore } from '../storage/blob-store';

export type SourceManifest = { digest: string; mediaType: string; bytes: Buffer };
export type { ImageRef };

/** Reads images out of Ferry's own store for pushing elsewhere. */
export type ImageSource = {
  manifest(ref: ImageRef, reference: string): Promise<SourceManifest | null>;
  openBlob(digest: string, offset: number): Promise<Readable>;
};

const hex = (digest: string) => digest.replace(/^sha256:/, '');

export function createImageSource(db: Db, store: BlobStore): ImageSource {
  return {
    async manifest(ref, reference) {
      const row = await findManifestByReference(db, ref, reference);
      if (!row) return null;
      const digest = row.digest;
      const stream = await store.open(hex(digest));
      if (!stream) return null;
      const chunks: Buffer[] = [];
      // Manifests are capped at 4 MiB on push, so reading one whole is safe.
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return { digest, mediaType: row.mediaType, bytes: Buffer.concat(chunks) };
    },
    async openBlob(digest, offset) {
      const info = await store.stat(hex(digest));
      if (!info) throw new Error(`blob ${digest} is missing from the store`);
      const stream = await store.open(hex(digest), offset > 0 ? { start: offset, end: info.size - 1 } : undefined);
      if (!stream) throw new Error(`blob ${digest} is missing from the store`);
      return stream;
    },
  };
}

type Descriptor = { digest: string; size: number; mediaType?: string };
export type ImageTree = { root: SourceManifest; children: SourceManifest[]; blobs: Descriptor[]; totalBytes: number };

/** The manifest, its child manifests (for an index) and the unique blobs they refer to. */
export async function loadImageTree(source: ImageSource, ref: ImageRef, reference: string): Promise<ImageTree | null> {
  const root = await source.manifest(ref, reference);
  if (!root) return null;
  const children: SourceManifest[] = [];
  const blobs = new Map<string, Descriptor>();
  const collect = (manifest: SourceManifest) => {
    const parsed = JSON.parse(manifest.bytes.toString('utf8')) as { config?: Descriptor; layers?: Descriptor[] };
    for (const blob of [parsed.config, ...(parsed.layers ?? [])]) if (blob) blobs.set(blob.digest, blob);
  };
  const parsed = JSON.parse(root.bytes.toString('utf8')) as { manifests?: Descriptor[] };
  if (parsed.manifests) {
    for (const child of parsed.manifests) {
      const manifest = await source.manifest(ref, child.digest);
      if (!manifest) throw new Error(`index ${root.digest} refers to missing manifest ${child.digest}`);
      children.push(manifest);
      collect(manifest);
    }
  } else {
    collect(root);
  }
  const list = [...blobs.values()];
  return { root, children, blobs: list, totalBytes: list.reduce((sum, blob) => sum + blob.size, 0) };
}
