import { createHash, randomBytes } from 'node:crypto';
import { ADMIN_PASSWORD } from './ferry-server';
import { basicAuth } from './harness';

export const sha256Digest = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
export const adminAuth = () => basicAuth('admin', ADMIN_PASSWORD);

type FetchOptions = { method?: string; headers?: Record<string, string>; body?: Buffer | string; auth?: string | null };

/** Plain HTTP against /v2/, signed in as admin unless `auth` says otherwise (null = anonymous). */
export function ociClient(baseUrl: string, defaultAuth: string | null = adminAuth()) {
  async function call(path: string, options: FetchOptions = {}) {
    const auth = options.auth === undefined ? defaultAuth : options.auth;
    return fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers: { ...(auth ? { Authorization: auth } : {}), ...options.headers },
      body: typeof options.body === 'string' || options.body === undefined ? options.body : new Uint8Array(options.body),
      redirect: 'manual',
    });
  }

  /** POST then PUT with the whole body (distribution-spec §"POST then PUT"); returns the digest. */
  async function pushBlob(name: string, bytes: Buffer): Promise<string> {
    const digest = sha256Digest(bytes);
    const start = await call(`/v2/${name}/blobs/uploads/`, { method: 'POST' });
    if (start.status !== 202) throw new Error(`POST uploads → ${start.status} ${await start.text()}`);
    const location = start.headers.get('location') ?? '';
    const put = await call(`${location}?digest=${digest}`, {
      method: 'PUT',
      body: bytes,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    if (put.status !== 201) throw new Error(`PUT upload → ${put.status} ${await put.text()}`);
    return digest;
  }

  /** Pushes a small random image (config + one layer) and tags it; returns its digests. */
  async function pushImage(name: string, tag: string, layerSize = 1024) {
    const layer = randomBytes(layerSize);
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
    const layerDigest = await pushBlob(name, layer);
    const configDigest = await pushBlob(name, config);
    const manifest = imageManifest({ digest: configDigest, size: config.length }, [{ digest: layerDigest, size: layer.length }]);
    const response = await putManifest(name, tag, manifest);
    if (response.status !== 201) throw new Error(`PUT manifest → ${response.status} ${await response.text()}`);
    return { digest: sha256Digest(manifest), manifest, configDigest, layerDigest, contentSize: config.length + layer.length };
  }

  function putManifest(name: string, reference: string, bytes: Buffer | string, mediaType = 'application/vnd.oci.image.manifest.v1+json') {
    return call(`/v2/${name}/manifests/${reference}`, { method: 'PUT', body: bytes, headers: { 'Content-Type': mediaType } });
  }

  return { call, pushBlob, pushImage, putManifest };
}

export function imageManifest(config: { digest: string; size: number }, layers: Array<{ digest: string; size: number }>): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...l })),
    }),
  );
}

/** The spec's error body: {errors:[{code,message,detail}]}; returns the first code. */
export async function errorCodeOf(response: Response): Promise<string> {
  const body = (await response.json()) as { errors: Array<{ code: string; message: string }> };
  return body.errors[0]?.code ?? '';
}
