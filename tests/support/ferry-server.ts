import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { blobStore, freshDatabase, workDir } from './backends';
import { type FerryProcess, freePort, spawnFerry } from './harness';
import { integrationBucket, radosgwEnv } from './radosgw';

export const ADMIN_PASSWORD = 'admin-test-password';

export type FerryServer = {
  url: string;
  dataDir: string;
  env: Record<string, string>;
  /** The server process id (changes on restart), e.g. to read its memory from /proc. */
  pid: () => number;
  /** Captured stdout+stderr, to assert what is (and is not) logged. */
  output: () => string;
  stop: () => Promise<void>;
  /** Stops and starts the same server on the same data (persistence checks). */
  restart: () => Promise<void>;
  /** SIGKILL, as a crash: no graceful shutdown. `restart` brings it back. */
  kill: () => Promise<void>;
};

/**
 * With FERRY_TEST_BLOB_STORE=s3, a server's blobs go to the test radosgw under a prefix of its
 * own, so servers share no objects unless a test passes the same FERRY_S3_PREFIX to both.
 */
function blobStoreEnv(id: string): Record<string, string> {
  if (blobStore !== 's3') return {};
  return { ...radosgwEnv(), FERRY_BLOB_STORE: 's3', FERRY_S3_BUCKET: integrationBucket, FERRY_S3_PREFIX: `servers/${id}/` };
}

/** Starts a production Ferry server (next start) on its own fresh database (and blob store). */
export async function startFerry(options: { env?: Record<string, string> } = {}): Promise<FerryServer> {
  const id = randomBytes(6).toString('hex');
  const dataDir = path.join(workDir, 'servers', id);
  const dbEnv = await freshDatabase(id, dataDir);
  const port = await freePort();
  const env: Record<string, string> = {
    FERRY_DATA_DIR: dataDir,
    FERRY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TZ: 'Asia/Shanghai',
    // API suites assert queued states; runner suites pass FERRY_RUNNER=on (and short leases).
    FERRY_RUNNER: 'off',
    // Within the harness's 5 s before SIGKILL: a stopped server hands its runs back rather than being killed.
    FERRY_SHUTDOWN_SECONDS: '3',
    ...dbEnv,
    ...blobStoreEnv(id),
    ...options.env,
  };
  const url = `http://127.0.0.1:${port}`;
  let current: FerryProcess | undefined;
  // Output of earlier runs of this server, so assertions cover restarts too.
  let earlier = '';
  const start = async () => {
    earlier += current?.output() ?? '';
    current = await spawnFerry({ env, port, timeoutMs: 30_000 });
  };
  const stop = async () => current?.stop();
  await start();
  return {
    url,
    dataDir,
    env,
    pid: () => current?.child.pid ?? 0,
    output: () => earlier + (current?.output() ?? ''),
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    kill: async () => current?.kill(),
  };
}
