import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startRegistry } from '../../tests/support/registry';
import { ADMIN_PASSWORD, type E2eState, STATE_FILE } from './state';

const nextBin = path.resolve('node_modules/next/dist/bin/next');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startFerry(name: string): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = path.resolve('.tmp/e2e', `${name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let logs = '';
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    // The server zone differs from the browser's (Europe/Paris) so the cron preview shows two zones.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      FERRY_DATA_DIR: dataDir,
      FERRY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TZ: 'Asia/Shanghai',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (logs += chunk));
  child.stderr?.on('data', (chunk) => (logs += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Ferry ${name} exited with ${child.exitCode}:\n${logs}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`Ferry ${name} did not become healthy within 60 s:\n${logs}`);
}

/**
 * Starts the Ferry under test, a second one as its peer cluster, and a docker-registry as the
 * heterogeneous target (the integration suites' helper: own config.yml, filesystem storage); returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(path.resolve('.next/BUILD_ID'))) {
    throw new Error('No production build: run `npx next build` before the end-to-end tests (npm test does both).');
  }
  const [ferry, peer, registry] = await Promise.all([startFerry('ferry'), startFerry('peer'), startRegistry()]);
  const state: E2eState = { url: ferry.url, peerUrl: peer.url, registryUrl: registry.url, registryHost: registry.host };
  mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state));
  return async () => {
    for (const child of [ferry.child, peer.child]) {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
      }
    }
    await registry.stop();
    rmSync(path.resolve('.tmp/registries', registry.host.split(':')[1] ?? ''), { recursive: true, force: true });
    for (const server of [ferry, peer]) rmSync(server.dataDir, { recursive: true, force: true });
  };
}
