import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { claimNextExecution, releaseExecutions, renewLease } from '../executions/lease';
import { log } from '../http/log';
import { startWebhookSender, type WebhookSendOptions } from '../notifications/send-deliveries';
import { consumeArtifactEvents } from './consume-events';
import { abortableDelay } from './delay';
import { fireDueConfigs } from './fire-due-configs';
import { createSemaphore } from './in-parallel';
import { observeRun } from './observe-run';
import { type RunnerDeps, runExecution } from './run-execution';

export type RunnerOptions = {
  /** How long a claim lasts without a heartbeat; another instance recovers the run after that. */
  leaseMs: number;
  pollMs: number;
  /** Executions run at once by this instance. */
  maxRuns: number;
  /** Artifacts one run transfers at once. */
  transfersPerRun: number;
  /** Artifacts in flight across all the runs of this instance. */
  maxTransfers: number;
  /** Send webhook notifications from this instance (FERRY_WEBHOOK_*); none when absent. */
  webhooks?: WebhookSendOptions;
};

export type Runner = {
  owner: string;
  wake: () => void;
  /** Stops claiming, lets the runs in flight finish for up to `graceMs`, then aborts the rest and hands them back. */
  stop: (graceMs?: number) => Promise<void>;
};

/**
 * The replication runner: fires due schedules, turns outbox events into real-time work, claims
 * executions and runs them under a lease that a heartbeat renews. All coordination is in database
 * rows, so several instances can share one PostgreSQL.
 */
export function startRunner(deps: RunnerDeps, options: RunnerOptions): Runner {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const runDeps: RunnerDeps = { ...deps, transfers: { perRun: options.transfersPerRun, slots: createSemaphore(options.maxTransfers) } };
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  // A wake that arrives while a tick runs must not be lost: the loop then ticks again at once.
  let wakeRequested = false;
  // Notifications go out beside the runs: a wake (a run ended here or elsewhere) wakes both.
  const sender = options.webhooks ? startWebhookSender(deps.db, deps.now, { ...options.webhooks, pollMs: options.pollMs }) : undefined;
  const wake = () => {
    wakeRequested = true;
    wakeUp?.();
    sender?.wake();
  };
  let tickRunning = false;

  const tick = async () => {
    if (tickRunning || stopped) return;
    tickRunning = true;
    try {
      await fireDueConfigs(deps.db, deps.now());
      while ((await consumeArtifactEvents(deps.db, deps.now())) > 0 && !stopped) {
        // keep draining the outbox
      }
      while (active.size < options.maxRuns && !stopped) {
        const execution = await claimNextExecution(deps.db, owner, options.leaseMs, deps.now());
        if (!execution) break;
        // Which instance works on which run (a run recovered from a stopped or dead one shows up again here).
        log('info', 'run claimed', { executionId: execution.id, owner });
        const controller = new AbortController();
        const done = observeRun(deps.db, execution, () =>
          runExecution(runDeps, execution, controller.signal).catch((error: unknown) =>
            log('error', 'execution crashed', { stack: (error as Error).stack }),
          ),
        )
          .catch((error: unknown) => log('error', 'execution not counted', { executionId: execution.id, stack: (error as Error).stack }))
          .finally(() => {
            active.delete(execution.id);
            wake();
          });
        active.set(execution.id, { controller, done });
      }
    } catch (error) {
      log('error', 'runner tick failed', { stack: (error as Error).stack });
    } finally {
      tickRunning = false;
    }
  };

  const heartbeat = setInterval(
    async () => {
      for (const [id, run] of active) {
        const kept = await renewLease(deps.db, id, owner, options.leaseMs, deps.now()).catch(() => true);
        // Cancelled, deleted or taken over: stop sending bytes for it.
        if (!kept) run.controller.abort();
      }
    },
    Math.max(250, Math.floor(options.leaseMs / 3)),
  );

  const loop = (async () => {
    while (!stopped) {
      wakeRequested = false;
      await tick();
      if (wakeRequested) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        setTimeout(resolve, options.pollMs);
      });
    }
  })();

  log('info', 'runner started', { owner });
  return {
    owner,
    wake,
    stop: async (graceMs = 0) => {
      // No claims from here on; runs in flight may finish within the grace period, heartbeat still on.
      stopped = true;
      wakeUp?.();
      await loop;
      const finished = Promise.all([...active.values()].map((run) => run.done));
      const graceOver = new AbortController();
      await Promise.race([finished, abortableDelay(graceMs, graceOver.signal).catch(() => undefined)]);
      graceOver.abort();
      const ids = [...active.keys()];
      const runs = [...active.values()];
      for (const run of runs) run.controller.abort();
      await Promise.all(runs.map((run) => run.done));
      clearInterval(heartbeat);
      await sender?.stop();
      // Handed back at once (and the other runners woken), instead of after the lease expires.
      await releaseExecutions(deps.db, ids, owner);
      if (ids.length > 0) log('info', 'runner handed runs back', { owner, executionIds: ids });
    },
  };
}
