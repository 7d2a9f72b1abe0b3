import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
let ready: Promise<void> | undefined;

/** Installs Debian's skopeo when it is missing (tests run as root, as CI does). */
export function ensureSkopeo(): Promise<void> {
  ready ??= (async () => {
    try {
      await run('skopeo', ['--version']);
    } catch {
      await run('bash', ['-c', 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q skopeo'], {
        maxBuffer: 64 * 1024 * 1024,
      });
    }
  })();
  return ready;
}

export type SkopeoResult = { stdout: string; stderr: string };

/** Runs skopeo with a permissive signature policy; throws with stderr on failure. */
export async function skopeo(args: string[]): Promise<SkopeoResult> {
  await ensureSkopeo();
  try {
    return await run('skopeo', ['--insecure-policy', ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`skopeo ${args.join(' ')} failed: ${failed.stderr ?? failed.message}`);
  }
}
