import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../lib/oci-client/registry-client';
import { pushImage } from '../../lib/runner/push-image';
import { RateLimiter } from '../../lib/runner/rate-limiter';
import { ConflictError } from '../../lib/runner/transfer-outcome';
import { memoryImageSource } from '../support/artifacts';
import { memoryBlobLocations } from '../support/blob-locations';
import { type BuiltImage, buildImage, buildIndex } from '../support/oci-images';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';

// The push client against a real Debian docker-registry; the images come from memory.
const creds = { username: 'pusher', password: 'push-secret-9' };
let open: RegistryServer;
let locked: RegistryServer;
beforeAll(async () => {
  [open, locked] = await Promise.all([startRegistry(), startRegistry({ htpasswd: creds })]);
});
afterAll(async () => {
  await Promise.all([open?.stop(), locked?.stop()]);
});

const ref = { projectName: 'p', repoName: 'r', image: 'app' };
const push = (
  registry: RegistryServer,
  image: BuiltImage,
  options: {
    targetTags?: string[];
    repo?: string;
    conflictStrategy?: 'SKIP' | 'OVERWRITE' | 'FAST_FAIL';
    credentials?: typeof creds;
    rate?: number;
  } = {},
) =>
  pushImage({
    client: new RegistryClient({ endpoint: { scheme: 'http', host: registry.host }, credentials: options.credentials ?? {} }),
    locations: memoryBlobLocations(),
    targetRepo: options.repo ?? 'ns/app',
    source: memoryImageSource(image, 'v1'),
    ref,
    tag: 'v1',
    targetTags: options.targetTags ?? ['v1'],
    conflictStrategy: options.conflictStrategy ?? 'SKIP',
    limiter: new RateLimiter(options.rate ?? 0),
    onBytes: () => undefined,
  });

describe('pushing images to docker-registry', () => {
  it('pushes one version under each target tag, then sends nothing the second time', async () => {
    const image = buildImage([300_000, 200_000]);
    const first = await push(open, image, { targetTags: ['1.2', '1.3'], repo: 'ns/retag' });
    expect(first).toEqual({ status: 'SUCCESS', conflict: false, bytesSent: image.blobs.reduce((s, b) => s + b.size, 0) });
    expect(await registryTagDigest(open, 'ns/retag', '1.2')).toBe(image.manifest.digest);
    expect(await registryTagDigest(open, 'ns/retag', '1.3')).toBe(image.manifest.digest);
    const again = await push(open, image, { targetTags: ['1.2', '1.3'], repo: 'ns/retag' });
    expect(again).toEqual({ status: 'SUCCESS', conflict: false, bytesSent: 0 });
  });

  it('pushes a multi-arch index with its child manifests first', async () => {
    const index = buildIndex(100_000);
    await push(open, index, { repo: 'ns/multi' });
    expect(await registryTagDigest(open, 'ns/multi', 'v1')).toBe(index.manifest.digest);
    for (const child of index.children) expect(await registryTagDigest(open, 'ns/multi', child.digest)).toBe(child.digest);
  });

  it('authenticates with Basic credentials and explains a wrong password', async () => {
    const image = buildImage([50_000]);
    await push(locked, image, { credentials: creds, repo: 'ns/private' });
    expect(await registryTagDigest(locked, 'ns/private', 'v1', creds)).toBe(image.manifest.digest);
    const failure = push(locked, buildImage([1000]), { credentials: { ...creds, password: 'wrong' }, repo: 'ns/private2' });
    await expect(failure).rejects.toThrow(
      new RegExp(`^401 from registry ${locked.host.replace('.', '\\.')} while .*check the username/password`),
    );
  });

  it('applies the conflict strategies when the tag holds different content', async () => {
    const original = buildImage([10_000]);
    const changed = buildImage([10_000]);
    await push(open, original, { repo: 'ns/conflict' });
    expect(await push(open, changed, { repo: 'ns/conflict', conflictStrategy: 'SKIP' })).toEqual({
      status: 'SKIPPED',
      conflict: true,
      bytesSent: 0,
    });
    await expect(push(open, changed, { repo: 'ns/conflict', conflictStrategy: 'FAST_FAIL' })).rejects.toBeInstanceOf(ConflictError);
    expect(await registryTagDigest(open, 'ns/conflict', 'v1')).toBe(original.manifest.digest);
    const overwritten = await push(open, changed, { repo: 'ns/conflict', conflictStrategy: 'OVERWRITE' });
    expect(overwritten.status).toBe('SUCCESS');
    expect(await registryTagDigest(open, 'ns/conflict', 'v1')).toBe(changed.manifest.digest);
  });

  it('mounts blobs it already pushed to another repository of the same registry', async () => {
    const image = buildImage([200_000]);
    const client = new RegistryClient({ endpoint: { scheme: 'http', host: open.host }, credentials: {} });
    const options = {
      client,
      locations: memoryBlobLocations(),
      source: memoryImageSource(image, 'v1'),
      ref,
      tag: 'v1',
      targetTags: ['v1'],
      conflictStrategy: 'SKIP' as const,
      limiter: new RateLimiter(0),
      onBytes: () => undefined,
    };
    const first = await pushImage({ ...options, targetRepo: 'ns/mount-a' });
    expect(first.bytesSent).toBe(image.blobs.reduce((s, b) => s + b.size, 0));
    const second = await pushImage({ ...options, targetRepo: 'ns/mount-b' });
    expect(second).toEqual({ status: 'SUCCESS', conflict: false, bytesSent: 0 });
    expect(await registryTagDigest(open, 'ns/mount-b', 'v1')).toBe(image.manifest.digest);
  });

  it('forgets a home the registry does not mount from (202) and uploads into the session it opened', async () => {
    const image = buildImage([150_000]);
    const client = new RegistryClient({ endpoint: { scheme: 'http', host: open.host }, credentials: {} });
    const locations = memoryBlobLocations();
    for (const blob of image.blobs) await locations.record({ registry: client.origin, digest: blob.digest, repository: 'ns/never-pushed' });
    const outcome = await pushImage({
      client,
      locations,
      targetRepo: 'ns/after-stale',
      source: memoryImageSource(image, 'v1'),
      ref,
      tag: 'v1',
      targetTags: ['v1'],
      conflictStrategy: 'SKIP',
      limiter: new RateLimiter(0),
      onBytes: () => undefined,
    });
    expect(outcome).toEqual({ status: 'SUCCESS', conflict: false, bytesSent: image.blobs.reduce((s, b) => s + b.size, 0) });
    expect(await registryTagDigest(open, 'ns/after-stale', 'v1')).toBe(image.manifest.digest);
    expect(locations.all().map((l) => l.repository)).toEqual(image.blobs.map(() => 'ns/after-stale'));
  });

  it('uploads a large blob in Content-Range chunks that the registry reassembles', async () => {
    const image = buildImage([5 * 1024 * 1024 + 123]);
    const client = new RegistryClient({ endpoint: { scheme: 'http', host: open.host }, credentials: {} });
    const layer = image.blobs[1];
    if (!layer) throw new Error('no layer');
    await client.uploadBlob('ns/chunked', layer, async (offset) => Readable.from([layer.bytes.subarray(offset)]), {
      chunkSize: 1024 * 1024,
    });
    const response = await fetch(`${open.url}/v2/ns/chunked/blobs/${layer.digest}`);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(layer.bytes)).toBe(true);
  });

  it('counts each byte once when a blob goes in 64 MiB chunks', async () => {
    const image = buildImage([64 * 1024 * 1024 + 4096]);
    const outcome = await push(open, image, { repo: 'ns/two-chunks' });
    expect(outcome.bytesSent).toBe(image.blobs.reduce((s, b) => s + b.size, 0));
    expect(await registryTagDigest(open, 'ns/two-chunks', 'v1')).toBe(image.manifest.digest);
  });

  it('keeps a rate limit within 5% over a 10-second push', async () => {
    const image = buildImage([10 * 1024 * 1024]);
    const rate = 1024 * 1024;
    const started = performance.now();
    const outcome = await push(open, image, { repo: 'ns/slow', rate });
    const seconds = (performance.now() - started) / 1000;
    const throughput = outcome.bytesSent / seconds;
    expect(throughput).toBeLessThanOrEqual(rate * 1.05);
    expect(throughput).toBeGreaterThanOrEqual(rate * 0.9);
  });
});
