import { log } from '../http/log';
import { staleBefore } from './drift-config';
import { claimDueDriftChecks } from './queries';
import { type DriftDeps, runDriftCheck } from './run-drift-check';

/** Scheduled checks one instance runs at once. */
const MAX_CHECKS = 2;

/**
 * Beside the runner (started with it, FERRY_RUNNER=on): every `pollMs`, claims the configs whose
 * verifyCron is due (claimDueDriftChecks: one instance per due time) and runs their checks in the
 * background, at most MAX_CHECKS at once. Returns the stop function.
 */
export function startDriftSchedule(deps: DriftDeps, pollMs: number): () => void {
  let running = 0;
  let ticking = false;
  const tick = async () => {
    if (ticking || running >= MAX_CHECKS) return;
    ticking = true;
    try {
      const now = deps.now();
      const claimed = await claimDueDriftChecks(deps.db, {
        now,
        staleBefore: staleBefore(now, deps.budgetMs),
        limit: MAX_CHECKS - running,
      });
      for (const { task, checkId } of claimed) {
        running++;
        log('info', 'drift check started', { checkId, task: task.taskKey, trigger: 'SCHEDULE' });
        void runDriftCheck(deps, task, checkId).finally(() => {
          running--;
        });
      }
    } catch (error) {
      log('warn', 'drift schedule tick failed', { error: String(error) });
    } finally {
      ticking = false;
    }
  };
  const every = setInterval(() => void tick(), pollMs);
  every.unref();
  return () => clearInterval(every);
}
