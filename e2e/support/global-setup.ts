import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type FerryProcess, spawnFerry } from '../../tests/support/harness';
import { startRegistry } from '../../tests/support/registry';
import { ADMIN_PASSWORD, type E2eState, STATE_FILE } from './state';

async function startFerry(name: string): Promise<FerryProcess & { dataDir: string }> {
  const dataDir = path.resolve('.tmp/e2e', `${name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  // The server zone differs from the browser's (Europe/Paris) so the cron preview shows two zones.
  const env = { FERRY_DATA_DIR: dataDir, FERRY_ADMIN_PASSWORD: ADMIN_PASSWORD, TZ: 'Asia/Shanghai', DATABASE_URL: '' };
  return { ...(await spawnFerry({ env })), dataDir };
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
    await Promise.all([ferry.stop(), peer.stop()]);
    await registry.stop();
    rmSync(path.resolve('.tmp/registries', registry.host.split(':')[1] ?? ''), { recursive: true, force: true });
    for (const server of [ferry, peer]) rmSync(server.dataDir, { recursive: true, force: true });
  };
}
