import { type ChildProcess, spawn } from 'node:child_process';
import { jsonLogLines } from './log-lines';

export type WorkerProcess = {
  child: ChildProcess;
  /** The runner's lease owner ("host:pid:random"), as the worker prints it. */
  owner: string;
  output: () => string;
  /** Resolves with the exit code (null after a signal kill) once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the exit; answers the exit code. */
  signal: (name: NodeJS.Signals) => Promise<number | null>;
};

/**
 * Starts `npm run worker` (node --import tsx scripts/worker.ts: one process, so a signal reaches
 * the runner itself) with `env` and waits until its runner runs.
 */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  let logs = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (logs += chunk));
  child.stderr?.on('data', (chunk) => (logs += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  let owner: string | undefined;
  while (!owner && child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    owner = workerOwnerIn(logs);
  }
  if (!owner) {
    child.kill('SIGKILL');
    throw new Error(`the worker did not start (exit ${child.exitCode}):\n${logs}`);
  }
  return {
    child,
    owner,
    output: () => logs,
    exited,
    signal: async (name) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
      return exited;
    },
  };
}

/** The owner id from the worker's JSON start-up line (`{"msg":"worker running","owner":…}`). */
function workerOwnerIn(logs: string): string | undefined {
  const started = jsonLogLines(logs).find((line) => line.msg === 'worker running' && typeof line.owner === 'string');
  return started?.owner as string | undefined;
}
