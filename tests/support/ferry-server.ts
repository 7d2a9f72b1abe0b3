import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { freshDatabase, workDir } from './backends';
import { type FerryProcess, freePort, spawnFerry } from './harness';

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

/** Starts a production Ferry server (next start) on its own fresh database. */
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
    ...dbEnv,
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
