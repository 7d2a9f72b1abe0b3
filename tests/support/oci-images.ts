import { createHash, randomBytes } from 'node:crypto';

type BuiltBlob = { digest: string; size: number; bytes: Buffer; mediaType: string };
type BuiltManifest = { digest: string; mediaType: string; bytes: Buffer };
export type BuiltImage = { manifest: BuiltManifest; children: BuiltManifest[]; blobs: BuiltBlob[] };

const sha = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function blob(bytes: Buffer, mediaType: string): BuiltBlob {
  return { digest: sha(bytes), size: bytes.length, bytes, mediaType };
}

function manifestOf(value: unknown, mediaType: string): BuiltManifest {
  const bytes = Buffer.from(JSON.stringify(value));
  return { digest: sha(bytes), mediaType, bytes };
}

/** A valid OCI image with random layers (content is opaque to registries). */
export function buildImage(layerSizes: number[], platform = { os: 'linux', architecture: 'amd64' }): BuiltImage {
  const layers = layerSizes.map((size) => blob(randomBytes(size), 'application/vnd.oci.image.layer.v1.tar+gzip'));
  const config = blob(
    Buffer.from(JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }, config: {} })),
    'application/vnd.oci.image.config.v1+json',
  );
  const manifest = manifestOf(
    {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    },
    'application/vnd.oci.image.manifest.v1+json',
  );
  return { manifest, children: [], blobs: [config, ...layers] };
}

/** A multi-arch OCI index over two single-platform images. */
export function buildIndex(layerSize: number): BuiltImage {
  const amd = buildImage([layerSize], { os: 'linux', architecture: 'amd64' });
  const arm = buildImage([layerSize], { os: 'linux', architecture: 'arm64' });
  const index = manifestOf(
    {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: amd.manifest.mediaType,
          digest: amd.manifest.digest,
          size: amd.manifest.bytes.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: arm.manifest.mediaType,
          digest: arm.manifest.digest,
          size: arm.manifest.bytes.length,
          platform: { os: 'linux', architecture: 'arm64' },
        },
      ],
    },
    'application/vnd.oci.image.index.v1+json',
  );
  return { manifest: index, children: [amd.manifest, arm.manifest], blobs: [...amd.blobs, ...arm.blobs] };
}
