// `npm run worker`: the replication runner without the web server, for deployments that separate
// web and workers. Needs PostgreSQL: PGlite has no lock on its folder, so a second process on it
// would silently lose writes.
import { getBackend } from '../lib/db/client';
import { env } from '../lib/env';
import { startConfiguredRunner } from '../lib/runner/start-runner';

async function main(): Promise<void> {
  if (!env().DATABASE_URL) {
    console.error('[ferry worker] DATABASE_URL is not set: a separate worker needs the PostgreSQL database the web servers use.');
    process.exit(2);
  }
  await getBackend();
  const runner = await startConfiguredRunner();
  if (!runner) {
    console.error('[ferry worker] FERRY_RUNNER=off: nothing to do.');
    process.exit(2);
  }
  console.log(`[ferry worker] running as ${runner.owner}`);
  const stop = async () => {
    await runner.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
