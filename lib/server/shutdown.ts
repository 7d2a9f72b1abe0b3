import { closeDatabase } from '../db/client';
import { env } from '../env';
import { log } from '../http/log';
import type { Runner } from '../runner/runner';
import { drainHttp } from './http-drain';

const installed = Symbol.for('ferry.shutdownHandlers');
const CLOSE_DATABASE_MS = 5000;

/**
 * SIGTERM / SIGINT, for `npm start` and `npm run worker` alike: stop claiming runs, let the runs
 * in flight finish within FERRY_SHUTDOWN_SECONDS and hand the rest back (another instance takes
 * them at once, not after the lease), drain HTTP requests in flight within the same deadline,
 * close the database, exit 0. A second signal exits at once (1).
 *
 * The web server takes over from Next.js's own handler, which closes the HTTP server and exits
 * with 143 without stopping the runner; with NEXT_MANUAL_SIG_HANDLE set (npm start and the Docker
 * image set it) Next.js installs none.
 */
export function handleShutdownSignals(options: { role: 'web' | 'worker'; runner: Runner | undefined }): void {
  const holder = globalThis as typeof globalThis & { [installed]?: true };
  if (holder[installed]) return;
  holder[installed] = true;
  const seconds = env().FERRY_SHUTDOWN_SECONDS;
  if (options.role === 'web' && !env().NEXT_MANUAL_SIG_HANDLE) {
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
  }
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log('warn', 'second signal: exiting without waiting', { signal });
      process.exit(1);
    }
    shuttingDown = true;
    shutDown({ ...options, signal, deadline: Date.now() + seconds * 1000 }).then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'shutdown failed', { stack: (error as Error).stack });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function shutDown(options: { role: 'web' | 'worker'; runner: Runner | undefined; signal: NodeJS.Signals; deadline: number }) {
  const { role, runner, signal, deadline } = options;
  log('info', 'shutting down', { role, signal, graceSeconds: Math.round((deadline - Date.now()) / 1000) });
  const [, cutRequests] = await Promise.all([
    runner?.stop(Math.max(0, deadline - Date.now())),
    role === 'web' ? drainHttp(deadline) : Promise.resolve(0),
  ]);
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    closeDatabase().then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), CLOSE_DATABASE_MS);
    }),
  ]);
  clearTimeout(timer);
  log('info', 'stopped', { role, cutRequests, databaseClosed: closed });
}
