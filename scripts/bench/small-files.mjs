// tsx scripts/bench/small-files.mjs [count] — a path run-once of `count` (default 200) 4 KiB files
// from Ferry to a peer Ferry: wall time from execute to SUCCESS, and files per second.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fmt, startFerry, time } from './support.mjs';

const count = Number(process.argv[2] ?? 200);
const work = path.resolve('.tmp/bench-small-files');
await rm(work, { recursive: true, force: true });
const auth = `Basic ${Buffer.from('admin:bench-password').toString('base64')}`;
const call = async (base, method, url, body) => {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = await response.json();
  if (envelope.code !== 0) throw new Error(`${method} ${url}: ${envelope.message}`);
  return envelope.data;
};

const ferry = await startFerry(work, { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '100' });
const peer = await startFerry(work);
try {
  await call(ferry.url, 'POST', '/repository/api/project/create', { name: 'bench' });
  await call(ferry.url, 'POST', '/repository/api/repo/create', { projectId: 'bench', name: 'files', type: 'GENERIC' });
  for (let i = 0; i < count; i += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, count - i) }, async (_, j) => {
        const put = await fetch(`${ferry.url}/generic/bench/files/small/${i + j}.bin`, {
          method: 'PUT',
          headers: { Authorization: auth },
          body: randomBytes(4096),
        });
        if (!put.ok) throw new Error(`upload failed: ${put.status}`);
      }),
    );
  }
  const cluster = await call(ferry.url, 'POST', '/replication/api/cluster/create', {
    name: 'peer',
    url: peer.url,
    username: 'admin',
    password: 'bench-password',
  });
  const { seconds } = await time(async () => {
    await call(ferry.url, 'POST', '/replication/api/remote/distribution/create/runOnceTask/bench/files', {
      name: 'small_files',
      clusterId: cluster.id,
      remoteProjectId: 'bench',
      remoteRepoName: 'files',
      pathConstraints: ['/small'],
    });
    await call(ferry.url, 'POST', '/replication/api/remote/distribution/execute/runOnceTask/bench/files?name=small_files');
    for (;;) {
      const status = await call(
        ferry.url,
        'GET',
        '/replication/api/remote/distribution/get/runOnceTaskStatus/bench/files?name=small_files',
      );
      if (status.status === 'SUCCESS') return;
      if (status.status === 'FAILED') throw new Error(status.errorReason);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  console.log(`${count} × 4 KiB files, path run-once to a peer Ferry: ${fmt(seconds, 2)} s, ${fmt(count / seconds, 0)} files/s`);
} finally {
  await Promise.all([ferry.stop(), peer.stop()]);
}
