import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { RegistryClient } from '../../lib/oci-client/registry-client';
import type { ImageSource } from '../../lib/runner/image-source';
import { pushImage } from '../../lib/runner/push-image';
import { RateLimiter } from '../../lib/runner/rate-limiter';
import { memoryBlobLocations } from './blob-locations';
import { ADMIN_PASSWORD } from './ferry-server';
import type { BuiltImage } from './oci-images';

const adminBasic = (password = ADMIN_PASSWORD) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

/** Uploads a file through the generic API, the way curl and bk-repo scripts do. */
export async function uploadFile(
  baseUrl: string,
  target: { projectId: string; repoName: string; path: string },
  content: Buffer,
  headers: Record<string, string> = {},
  password?: string,
): Promise<Response> {
  return fetch(`${baseUrl}/generic/${target.projectId}/${target.repoName}${target.path}`, {
    method: 'PUT',
    headers: {
      Authorization: adminBasic(password),
      'X-BKREPO-SHA256': createHash('sha256').update(content).digest('hex'),
      'X-BKREPO-OVERWRITE': 'true',
      ...headers,
    },
    body: new Uint8Array(content),
  });
}

export async function downloadFile(
  baseUrl: string,
  target: { projectId: string; repoName: string; path: string },
  password?: string,
): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const response = await fetch(`${baseUrl}/generic/${target.projectId}/${target.repoName}${target.path}`, {
    headers: { Authorization: adminBasic(password) },
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

/** An image source that serves one built image under one tag, from memory. */
export function memoryImageSource(image: BuiltImage, tag: string): ImageSource {
  return {
    tree: async (_ref, reference) =>
      reference === tag
        ? {
            root: image.manifest,
            children: image.children,
            blobs: image.blobs,
            totalBytes: image.blobs.reduce((sum, b) => sum + b.size, 0),
          }
        : null,
    openBlob: async (digest, offset) => {
      const blob = image.blobs.find((b) => b.digest === digest);
      if (!blob) throw new Error(`no blob ${digest}`);
      return Readable.from([blob.bytes.subarray(offset)]);
    },
  };
}

/** Pushes a built image into a Ferry DOCKER repository over its /v2/ API. */
export async function pushImageToFerry(
  baseUrl: string,
  target: { projectId: string; repoName: string; image: string; tag: string },
  image: BuiltImage,
  password?: string,
): Promise<void> {
  await pushImage({
    client: new RegistryClient({
      endpoint: { scheme: 'http', host: new URL(baseUrl).host },
      credentials: { username: 'admin', password: password ?? ADMIN_PASSWORD },
    }),
    locations: memoryBlobLocations(),
    targetRepo: `${target.projectId}/${target.repoName}/${target.image}`,
    source: memoryImageSource(image, target.tag),
    ref: { projectName: target.projectId, repoName: target.repoName, image: target.image },
    tag: target.tag,
    targetTags: [target.tag],
    conflictStrategy: 'OVERWRITE',
    limiter: new RateLimiter(0),
    onBytes: () => undefined,
  });
}
