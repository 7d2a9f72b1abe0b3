import { bootstrapAdmin } from '../auth/bootstrap-admin';
import { dummyPasswordHash } from '../auth/passwords';
import { getDb } from '../db/client';
import { configuredDriftDeps } from '../drift/drift-config';
import { startDriftSchedule } from '../drift/drift-schedule';
import { env } from '../env';
import { startMetricsServer } from '../observability/metrics-endpoint';
import type { Runner } from '../runner/runner';
import { startConfiguredRunner } from '../runner/start-runner';
import { installNodeServerPatches } from './node-server-patches';
import { handleShutdownSignals } from './shutdown';

/**
 * Start-up, in one place for the web server (instrumentation.ts) and `npm run worker`: open and
 * migrate the database, create the first admin, open the metrics port (FERRY_METRICS_PORT), start
 * the runner (unless FERRY_RUNNER=off), and take over SIGTERM/SIGINT for a graceful shutdown
 * (shutdown.ts).
 * The web server also patches Node's HTTP server first (see node-server-patches.ts).
 */
export async function startFerry(options: { role: 'web' | 'worker' }): Promise<{ runner: Runner | undefined }> {
  if (options.role === 'web') {
    installNodeServerPatches();
    // Made now, so the first unknown username is not refused faster than later ones.
    void dummyPasswordHash();
  }
  const db = await getDb();
  await bootstrapAdmin(db);
  // FERRY_METRICS_PORT: the worker has no web server, so this listener is how it is scraped.
  await startMetricsServer();
  const runner = await startConfiguredRunner();
  // Scheduled drift checks (verifyCron) run where a runner does; lib/drift reads the runner's plan, so it is composed here.
  if (runner) {
    startDriftSchedule(configuredDriftDeps(db), Math.max(1000, env().FERRY_RUNNER_POLL_MS));
  }
  handleShutdownSignals({ role: options.role, runner });
  return { runner };
}
