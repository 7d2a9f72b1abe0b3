import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { workDir } from './backends';
import { freePort } from './harness';

const REGISTRY_BIN = '/usr/bin/docker-registry';

/** Installs Debian's docker-registry when missing (the test machines are Debian, and tests run as root). */
function ensureDockerRegistry(): void {
  if (existsSync(REGISTRY_BIN)) return;
  execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry'], {
    stdio: 'inherit',
  });
  if (!existsSync(REGISTRY_BIN)) throw new Error('docker-registry is missing and could not be installed: apt-get install docker-registry');
}

export type RegistryServer = {
  /** host:port on 127.0.0.1 */
  host: string;
  url: string;
  /** The registry process id (changes on restart), to sample its memory. */
  pid: () => number;
  stop: () => Promise<void>;
  start: () => Promise<void>;
};

/**
 * A real Debian docker-registry on a loopback port: open, or with htpasswd Basic auth. Deleting
 * manifests is enabled unless `deleteEnabled: false` (then DELETE answers 405 UNSUPPORTED).
 */
export async function startRegistry(
  options: { htpasswd?: { username: string; password: string }; deleteEnabled?: boolean } = {},
): Promise<RegistryServer> {
  ensureDockerRegistry();
  const port = await freePort();
  const dir = path.join(workDir, 'registries', String(port));
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'storage'), { recursive: true });
  const auth = options.htpasswd ? `auth:\n  htpasswd:\n    realm: ferry-test\n    path: ${path.join(dir, 'htpasswd')}\n` : '';
  if (options.htpasswd) {
    await writeFile(path.join(dir, 'htpasswd'), `${options.htpasswd.username}:${bcrypt.hashSync(options.htpasswd.password, 8)}\n`);
  }
  // The Debian default config points htpasswd at a directory; always write our own.
  await writeFile(
    path.join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'storage')}\n  delete:\n    enabled: ${options.deleteEnabled ?? true}\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: ferry-test-secret\n${auth}`,
  );
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${port}`;
  const start = async () => {
    child = spawn(REGISTRY_BIN, ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${url}/v2/`);
        if (response.status === 200 || response.status === 401) return;
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('docker-registry did not start');
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return { host: `127.0.0.1:${port}`, url, pid: () => child?.pid ?? 0, stop, start };
}

/** Reads what a registry holds, through its API. */
export async function registryTagDigest(
  registry: RegistryServer,
  repo: string,
  tag: string,
  credentials?: { username: string; password: string },
): Promise<string | null> {
  const headers: Record<string, string> = {
    Accept:
      'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json',
  };
  if (credentials) headers.Authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const response = await fetch(`${registry.url}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers });
  return response.status === 200 ? response.headers.get('docker-content-digest') : null;
}
