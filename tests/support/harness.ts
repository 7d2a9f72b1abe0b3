// The one home of what integration tests, Playwright's global set-up and the benchmarks share:
// loopback ports, a production Ferry process, credentials and unique names.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';

export const uniqueName = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

export const basicAuth = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** A port nobody listens on at the moment, on 127.0.0.1. */
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

/** Polls `url` until `accept(status)`; fails early when `child` exits, quoting its output. */
async function waitForHttp(
  url: string,
  options: { accept?: (status: number) => boolean; timeoutMs?: number; child?: ChildProcess; output?: () => string } = {},
): Promise<void> {
  const accept = options.accept ?? ((status) => status < 500);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (options.child && options.child.exitCode !== null) {
      throw new Error(`${url}: the process exited with ${options.child.exitCode}\n${options.output?.() ?? ''}`);
    }
    try {
      if (accept((await fetch(url)).status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} did not come up within ${options.timeoutMs ?? 30_000} ms\n${options.output?.() ?? ''}`);
}

export type FerryProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Captured stdout+stderr (the last 2 MB). */
  output: () => string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<void>;
  /** SIGKILL, as a crash. */
  kill: () => Promise<void>;
};

const nextBin = path.resolve('node_modules/next/dist/bin/next');

/** Starts `next start` (needs a production build) on 127.0.0.1 and waits until /api/health is 200. */
export async function spawnFerry(options: { env: Record<string, string>; port?: number; timeoutMs?: number }): Promise<FerryProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let logs = '';
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, NODE_ENV: 'production', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    logs = (logs + chunk).slice(-2_000_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const signal = (name: NodeJS.Signals) => async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(name);
      if (name === 'SIGTERM') setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  };
  try {
    await waitForHttp(`${url}/api/health`, { accept: (s) => s === 200, timeoutMs: options.timeoutMs ?? 60_000, child, output: () => logs });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, port, child, output: () => logs, stop: signal('SIGTERM'), kill: signal('SIGKILL') };
}
