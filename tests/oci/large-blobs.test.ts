import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { skopeo } from '../support/ensure-skopeo';
import { ADMIN_PASSWORD } from '../support/ferry-server';
import { adminAuth } from '../support/oci-client';
import { buildLayoutImage, readLayout } from '../support/oci-layout';
import { skopeoWorkspaceForFile } from '../support/skopeo-workspace';

const MiB = 1024 * 1024;
const workspace = skopeoWorkspaceForFile('ferry-large-');

/** Samples the server's resident memory every 100 ms while `run` goes on; returns the growth in MiB. */
async function rssGrowthDuring(run: () => Promise<void>): Promise<number> {
  const rss = () => {
    const status = readFileSync(`/proc/${workspace.server.pid()}/status`, 'utf8');
    return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
  };
  const baseline = rss();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 100);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return (Math.max(peak, rss()) - baseline) / MiB;
}

/** `size` pseudo-random bytes produced on the fly, hashed as they go. */
function generatedStream(size: number, hash: ReturnType<typeof createHash>): ReadableStream<Uint8Array> {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((Math.random() * 0xffffffff) >>> 0, i);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const chunk = Buffer.from(block.subarray(0, Math.min(MiB, size - sent)));
      chunk.writeDoubleLE(sent, 0);
      hash.update(chunk);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

describe('large blobs stream through Ferry', () => {
  it('pushes and pulls a 200 MB layer with skopeo in flat memory', async () => {
    const source = path.join(workspace.work, 'src');
    const image = await buildLayoutImage(source, 'big', [200 * MiB]);
    const creds = `admin:${ADMIN_PASSWORD}`;
    const host = new URL(workspace.server.url).host;
    const back = path.join(workspace.work, 'back');
    // Into Ferry from a layout and back out to another, digests kept.
    const roundTrip = async (layout: string, tag: string, out: string) => {
      const remote = `docker://${host}/${workspace.base}/${tag}:1`;
      await skopeo(['copy', '--preserve-digests', '--dest-tls-verify=false', '--dest-creds', creds, `oci:${layout}:${tag}`, remote]);
      await skopeo(['copy', '--preserve-digests', '--src-tls-verify=false', '--src-creds', creds, remote, `oci:${out}:${tag}`]);
    };
    // Warm up first (code loaded, the embedded database's heap touched by a push and a pull), so the
    // figure is what streaming 200 MB costs, not what a server's first image costs.
    const warmSource = path.join(workspace.work, 'warm');
    await buildLayoutImage(warmSource, 'warm', [MiB]);
    await roundTrip(warmSource, 'warm', `${back}-warm`);
    const growth = await rssGrowthDuring(() => roundTrip(source, 'big', back));
    const pulled = await readLayout(back, 'big');
    expect(pulled.manifest.digest).toBe(image.digest);
    expect(pulled.blobs).toContain(image.layers[0]?.digest);
    expect(growth).toBeLessThan(100);
  }, 300_000);

  it('takes a 2 GB blob in one streamed PATCH and serves it back in flat memory', async () => {
    const size = 2048 * MiB;
    const sent = createHash('sha256');
    const received = createHash('sha256');
    let receivedBytes = 0;
    let digest = '';
    const growth = await rssGrowthDuring(async () => {
      // The digest is only known at the end, so push as POST + PATCH (streamed) + PUT ?digest=.
      const start = await fetch(`${workspace.server.url}/v2/${workspace.base}/huge/blobs/uploads/`, {
        method: 'POST',
        headers: { Authorization: adminAuth() },
      });
      const location = start.headers.get('location') ?? '';
      const patch = await fetch(`${workspace.server.url}${location}`, {
        method: 'PATCH',
        headers: { Authorization: adminAuth(), 'Content-Type': 'application/octet-stream' },
        body: generatedStream(size, sent),
        duplex: 'half',
      } as RequestInit);
      expect(patch.status).toBe(202);
      expect(patch.headers.get('range')).toBe(`0-${size - 1}`);
      digest = `sha256:${sent.digest('hex')}`;
      const put = await fetch(`${workspace.server.url}${location}?digest=${digest}`, {
        method: 'PUT',
        headers: { Authorization: adminAuth() },
      });
      expect(put.status).toBe(201);
      const get = await fetch(`${workspace.server.url}/v2/${workspace.base}/huge/blobs/${digest}`, {
        headers: { Authorization: adminAuth() },
      });
      expect(get.headers.get('content-length')).toBe(String(size));
      for await (const chunk of get.body as unknown as AsyncIterable<Uint8Array>) {
        received.update(chunk);
        receivedBytes += chunk.length;
      }
    });
    expect(receivedBytes).toBe(size);
    expect(`sha256:${received.digest('hex')}`).toBe(digest);
    expect(growth).toBeLessThan(100);
  }, 600_000);
});
