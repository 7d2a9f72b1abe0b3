// `npm run worker`: the replication runner without the web server, for deployments that separate
// web and workers. Needs PostgreSQL: PGlite has no lock on its folder, so a second process on it
// would silently lose writes.
import { env } from '../lib/env';
import { log } from '../lib/http/log';
import { startFerry } from '../lib/server/start-ferry';

async function main(): Promise<void> {
  if (!env().DATABASE_URL) {
    log('error', 'DATABASE_URL is not set: a separate worker needs the PostgreSQL database the web servers use');
    process.exit(2);
  }
  const { runner } = await startFerry({ role: 'worker' });
  if (!runner) {
    log('error', 'FERRY_RUNNER=off: the worker has nothing to do');
    process.exit(2);
  }
  // SIGTERM/SIGINT: startFerry installed the graceful shutdown (lib/server/shutdown.ts).
  log('info', 'worker running', { owner: runner.owner });
}

void main();
