import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';

// Test images written as OCI image layouts on disk (image-spec §"OCI Image Layout"), so skopeo
// can copy them from `oci:<dir>:<tag>`. Layers are random bytes typed as tar+gzip.

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const CONFIG = 'application/vnd.oci.image.config.v1+json';

export type Descriptor = { mediaType: string; digest: string; size: number; platform?: Platform; annotations?: Record<string, string> };
export type Platform = { os: string; architecture: string; variant?: string };
export type LayoutImage = { digest: string; size: number; bytes: Buffer; config: Descriptor; layers: Descriptor[] };

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function putBlob(dir: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(path.join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
  return digest;
}

/** A random blob of `size` bytes written in 1 MiB chunks, never held in memory whole. */
async function writeRandomBlob(dir: string, size: number): Promise<Descriptor> {
  const blobs = path.join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const temp = path.join(blobs, `tmp-${process.pid}-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  const hash = createHash('sha256');
  const out = createWriteStream(temp);
  const chunk = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; ) {
    const n = Math.min(chunk.length, size - written);
    const piece = randomFillSync(chunk.subarray(0, n));
    hash.update(piece);
    if (!out.write(Buffer.from(piece))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += n;
  }
  out.end();
  await finished(out);
  const digest = `sha256:${hash.digest('hex')}`;
  await rename(temp, path.join(blobs, digest.slice(7)));
  return { mediaType: LAYER, digest, size };
}

/** Writes one image manifest (config + layers of the given sizes) into the layout's blobs. */
export async function writeImage(dir: string, options: { layerSizes: number[]; platform?: Platform }): Promise<LayoutImage> {
  const layers: Descriptor[] = [];
  for (const size of options.layerSizes) layers.push(await writeRandomBlob(dir, size));
  const platform = options.platform ?? { os: 'linux', architecture: 'amd64' };
  const configBytes = Buffer.from(
    JSON.stringify({ ...platform, config: {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }, history: [] }),
  );
  const config: Descriptor = { mediaType: CONFIG, digest: await putBlob(dir, configBytes), size: configBytes.length };
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers }, null, 2));
  return { digest: await putBlob(dir, bytes), size: bytes.length, bytes, config, layers };
}

/** Writes an image index over per-platform images. */
export async function writeIndex(dir: string, children: Array<{ image: LayoutImage; platform: Platform }>) {
  const manifests: Descriptor[] = children.map(({ image, platform }) => ({
    mediaType: OCI_MANIFEST,
    digest: image.digest,
    size: image.size,
    platform,
  }));
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
  return { digest: await putBlob(dir, bytes), size: bytes.length, bytes };
}

/** Points `tag` in the layout's index.json at a manifest or index. */
export async function tagInLayout(dir: string, tag: string, target: { digest: string; size: number; mediaType: string }) {
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const indexFile = path.join(dir, 'index.json');
  const index = await readFile(indexFile, 'utf8')
    .then((text) => JSON.parse(text) as { manifests: Descriptor[] })
    .catch(() => ({ schemaVersion: 2, manifests: [] as Descriptor[] }));
  index.manifests = index.manifests.filter((m) => m.annotations?.['org.opencontainers.image.ref.name'] !== tag);
  index.manifests.push({ ...target, annotations: { 'org.opencontainers.image.ref.name': tag } });
  await writeFile(indexFile, JSON.stringify({ schemaVersion: 2, ...index }));
}

/** A single-platform image tagged in a fresh layout. */
export async function buildLayoutImage(dir: string, tag: string, layerSizes: number[]): Promise<LayoutImage> {
  const image = await writeImage(dir, { layerSizes });
  await tagInLayout(dir, tag, { digest: image.digest, size: image.size, mediaType: OCI_MANIFEST });
  return image;
}

/** The manifest a tag points at in a layout, and the digests of all blobs in the layout. */
export async function readLayout(dir: string, tag: string): Promise<{ manifest: Descriptor; blobs: string[] }> {
  const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
  const manifest =
    index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag) ??
    (index.manifests.length === 1 ? index.manifests[0] : undefined);
  if (!manifest) throw new Error(`tag ${tag} not in ${dir}`);
  const blobs = (await readdir(path.join(dir, 'blobs', 'sha256'))).map((hex) => `sha256:${hex}`);
  return { manifest, blobs };
}

/** sha256 of a file, streamed. */
export async function digestOfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}
