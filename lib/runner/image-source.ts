import type { Readable } from 'node:stream';
import type { Db } from '../db/client';
import { type ImageRef, resolveImageGraph } from '../oci/queries';
import type { BlobStore } from '../storage/blob-store';

type SourceManifest = { digest: string; mediaType: string; bytes: Buffer };

export type { ImageRef };

type Blob = { digest: string; size: number };
/** The manifest, its child manifests (for an index, in push order) and the unique blobs they refer to. */
export type ImageTree = { root: SourceManifest; children: SourceManifest[]; blobs: Blob[]; totalBytes: number };

/** Reads images out of Ferry's own store for pushing elsewhere. */
export type ImageSource = {
  tree(ref: ImageRef, reference: string): Promise<ImageTree | null>;
  openBlob(digest: string, offset: number): Promise<Readable>;
};

const hex = (digest: string) => digest.replace(/^sha256:/, '');

/** The graph comes from lib/oci/queries (the references recorded at push); only the bytes from the store. */
export function createImageSource(db: Db, store: BlobStore): ImageSource {
  const manifestBytes = async (manifest: { digest: string; mediaType: string }): Promise<SourceManifest> => {
    const stream = await store.open(hex(manifest.digest));
    if (!stream) throw new Error(`manifest ${manifest.digest} is missing from the store`);
    const chunks: Buffer[] = [];
    // Manifests are capped at 4 MiB on push, so reading one whole is safe.
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { digest: manifest.digest, mediaType: manifest.mediaType, bytes: Buffer.concat(chunks) };
  };
  return {
    async tree(ref, reference) {
      const graph = await resolveImageGraph(db, { ...ref, reference });
      if (!graph) return null;
      const [missing] = graph.missingManifests;
      if (missing) throw new Error(`index ${graph.root.digest} refers to missing manifest ${missing}`);
      const children: SourceManifest[] = [];
      for (const child of graph.children) children.push(await manifestBytes(child));
      return { root: await manifestBytes(graph.root), children, blobs: graph.blobs, totalBytes: graph.totalBytes };
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
