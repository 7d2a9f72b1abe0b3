import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { getDb } from '../db/client';
import { describeError, log } from '../http/log';
import { readDriftStats } from './drift-stats';
import { type QueueStats, readQueueStats } from './queue-stats';

/**
 * Every metric Ferry exports (README "Operating Ferry" lists them). Labels are bounded sets only:
 * route templates, never raw paths; a target's configured name; statuses and enums.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const stats = scrapeStats();
  // Read from the database at scrape time (shared by all instances); a failed read leaves the last values.
  const fromQueue = (name: string, help: string, pick: (stats: QueueStats) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const current = await stats();
        if (current) this.set(pick(current));
      },
    });
  const counter = (name: string, help: string, labelNames: string[] = []) => new Counter({ name, help, labelNames, registers });
  const seconds = (name: string, help: string, labelNames: string[], buckets: number[]) =>
    new Histogram({ name, help, labelNames, buckets, registers });
  return {
    registry,
    httpRequests: counter('ferry_http_requests_total', 'HTTP requests answered, by route template, method and status', [
      'route',
      'method',
      'status',
    ]),
    httpDuration: seconds(
      'ferry_http_request_duration_seconds',
      'Time to answer an HTTP request (to the response headers for streamed bodies), by route template, method and status',
      ['route', 'method', 'status'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    ),
    runsStarted: counter('ferry_runs_started_total', 'Replication runs this instance started (or took over), by trigger and target kind', [
      'trigger',
      'target_kind',
    ]),
    runsFinished: counter(
      'ferry_runs_finished_total',
      'Replication runs this instance ended, by trigger, target kind and outcome (SUCCESS, FAILED, CANCELLED)',
      ['trigger', 'target_kind', 'outcome'],
    ),
    runDuration: seconds(
      'ferry_run_duration_seconds',
      'Start to end of the replication runs this instance ended, by trigger, target kind and outcome',
      ['trigger', 'target_kind', 'outcome'],
      [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 21_600, 86_400],
    ),
    transferredBytes: counter(
      'ferry_transferred_bytes_total',
      'Artifact bytes sent to replication targets, by target kind and target (cluster name or registry host)',
      ['target_kind', 'target'],
    ),
    transferredArtifacts: counter(
      'ferry_transferred_artifacts_total',
      'Artifacts a run finished, by target kind, target and outcome (SUCCESS, SKIPPED, UNSUPPORTED, FAILED)',
      ['target_kind', 'target', 'outcome'],
    ),
    leaseTakeovers: counter(
      'ferry_lease_takeovers_total',
      'Runs this instance claimed after another instance stopped renewing their lease',
    ),
    blobBytes: counter('ferry_blob_store_bytes_total', 'Bytes written to and read from the blob store, by direction (write, read)', [
      'direction',
    ]),
    blobDuration: seconds(
      'ferry_blob_store_operation_duration_seconds',
      'Blob store operations, by operation and result (ok, error); put and appendUpload include reading their source',
      ['operation', 'result'],
      [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 120],
    ),
    queueDepth: fromQueue('ferry_runs_queued', 'Runs waiting for a runner (all instances)', (q) => q.queued),
    oldestQueuedAge: fromQueue(
      'ferry_runs_oldest_queued_age_seconds',
      'How long the oldest queued run has waited (0 when none)',
      (q) => q.oldestQueuedSeconds,
    ),
    outboxLagEvents: fromQueue(
      'ferry_event_outbox_lag_events',
      'Artifact events written but not yet read by the real-time distribution',
      (q) => q.outboxLagEvents,
    ),
    outboxLagSeconds: fromQueue(
      'ferry_event_outbox_lag_seconds',
      'Age of the oldest artifact event not yet read by the real-time distribution (0 when none)',
      (q) => q.outboxLagSeconds,
    ),
    driftOutOfSync: new Gauge({
      name: 'ferry_drift_out_of_sync_artifacts',
      help: 'Artifacts the newest drift check of a config found out of sync, by config (task_key) and state (MISSING, DIFFERENT, EXTRA)',
      labelNames: ['task_key', 'state'],
      registers,
      async collect() {
        const rows = await getDb()
          .then(readDriftStats)
          .catch((error: unknown) => {
            log('warn', 'metrics: drift checks not read', { error: describeError(error) });
            return undefined;
          });
        if (!rows) return;
        // Configs deleted since the last scrape drop out.
        this.reset();
        for (const row of rows) {
          this.set({ task_key: row.taskKey, state: 'MISSING' }, row.missing);
          this.set({ task_key: row.taskKey, state: 'DIFFERENT' }, row.different);
          this.set({ task_key: row.taskKey, state: 'EXTRA' }, row.extra);
        }
      },
    }),
  };
}

/** One database read per scrape for the four queue gauges (each collects separately). */
function scrapeStats(): () => Promise<QueueStats | undefined> {
  let last: { at: number; stats: Promise<QueueStats | undefined> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > 1000) {
      const stats = getDb()
        .then((db) => readQueueStats(db, new Date(now)))
        .catch((error: unknown) => {
          log('warn', 'metrics: queue statistics not read', { error: describeError(error) });
          return undefined;
        });
      last = { at: now, stats };
    }
    return last.stats;
  };
}

export type FerryMetrics = ReturnType<typeof createMetrics>;

// On globalThis: Next.js loads instrumentation and each route bundle as separate module graphs;
// one registry must collect what all of them count.
const holder = globalThis as typeof globalThis & { __ferryMetrics?: FerryMetrics };

export function metrics(): FerryMetrics {
  holder.__ferryMetrics ??= createMetrics();
  return holder.__ferryMetrics;
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Counts one answered request; unknown methods are one label value, so a scanner cannot add series. */
export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  const labels = { route, method: KNOWN_METHODS.has(method) ? method : 'OTHER', status: String(status) };
  const m = metrics();
  m.httpRequests.inc(labels);
  m.httpDuration.observe(labels, seconds);
}

/** `/repository/api/repo/list/[projectId]` → `/repository/api/repo/list/{projectId}` (catch-alls too). */
export function routeTemplate(folderPath: string): string {
  return folderPath.replace(/\[\[?(?:\.\.\.)?([^\]]+)\]\]?/g, '{$1}');
}
