import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { freshDatabase, workDir } from './backends';

export const ADMIN_PASSWORD = 'admin-test-password';
const nextBin = path.resolve('node_modules/next/dist/bin/next');

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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

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
  let logs = '';
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${port}`;

  const start = async () => {
    child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (logs += chunk));
    child.stderr?.on('data', (chunk) => (logs += chunk));
    await waitForHealth(url, child, () => logs);
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
      setTimeout(() => running.kill('SIGKILL'), 5000).unref();
    });
  };
  await start();
  return {
    url,
    dataDir,
    env,
    pid: () => child?.pid ?? 0,
    output: () => logs,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    kill: async () => {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Ferry exited with ${child.exitCode}:\n${logs()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Ferry did not become healthy within 30 s:\n${logs()}`);
}
