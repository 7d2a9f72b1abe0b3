import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { createProjectWithRepo } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { ADMIN_PASSWORD } from '../support/ferry-server';
import { basicAuth } from '../support/harness';
import { downloadDigest, rawRequest, residentBytes } from '../support/raw-http';

const ferry = ferryForFile();

const SIZE = 300 * 1024 * 1024;
const MB = 1024 * 1024;

/** SIZE bytes generated chunk by chunk (never held whole), hashed as they go out. */
function generatedContent(hash: ReturnType<typeof createHash>): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= SIZE) {
        this.push(null);
        return;
      }
      const chunk = randomBytes(Math.min(MB, SIZE - sent));
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
}

/** Samples the server's resident memory every 100 ms while `work` runs; returns the peak. */
async function peakResidentDuring(work: () => Promise<void>): Promise<number> {
  let peak = await residentBytes(ferry.server.pid());
  const timer = setInterval(() => {
    residentBytes(ferry.server.pid())
      .then((rss) => {
        peak = Math.max(peak, rss);
      })
      .catch(() => undefined);
  }, 100);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, await residentBytes(ferry.server.pid()));
}

it('streams a 300 MB upload and download with flat ferry.server memory', { timeout: 240_000 }, async () => {
  const { projectId, repoName } = await createProjectWithRepo(ferry.api, 'GENERIC');
  const target = `/generic/${projectId}/${repoName}/big/blob.bin`;
  const auth = { Authorization: basicAuth('admin', ADMIN_PASSWORD) };
  const before = await residentBytes(ferry.server.pid());

  const sent = createHash('sha256');
  let uploadStatus = 0;
  const uploadPeak = await peakResidentDuring(async () => {
    const response = await rawRequest(ferry.server.url, {
      method: 'PUT',
      path: target,
      headers: { ...auth, 'Content-Length': String(SIZE) },
      body: generatedContent(sent),
    });
    uploadStatus = response.status;
  });
  expect(uploadStatus).toBe(200);

  let received = { status: 0, sha256: '', bytes: 0 };
  const downloadPeak = await peakResidentDuring(async () => {
    received = await downloadDigest(ferry.server.url, target, auth);
  });
  expect(received).toMatchObject({ status: 200, bytes: SIZE, sha256: sent.digest('hex') });

  // Buffering the file would add ≥ 300 MB; streaming adds buffers and allocator noise only.
  console.info(
    `ferry.server RSS before ${Math.round(before / MB)} MB, upload peak ${Math.round(uploadPeak / MB)} MB, download peak ${Math.round(downloadPeak / MB)} MB`,
  );
  expect(uploadPeak - before).toBeLessThan(100 * MB);
  expect(downloadPeak - before).toBeLessThan(100 * MB);
});
