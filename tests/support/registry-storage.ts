import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { workDir } from './backends';
import type { RegistryServer } from './registry';

/**
 * Every path under a test docker-registry's storage folder (repositories, tags, blobs, and the
 * `_uploads` folder of any upload session), sorted: equal before and after = nothing was written.
 */
export async function registryStorageListing(registry: RegistryServer): Promise<string[]> {
  const port = registry.host.split(':').pop() ?? '';
  const root = path.join(workDir, 'registries', port, 'storage');
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return entries.map(String).sort();
}

/** The upload sessions open in a test docker-registry (their `_uploads/<id>` folders). */
export async function registryUploadSessions(registry: RegistryServer): Promise<string[]> {
  return (await registryStorageListing(registry)).filter((entry) => /_uploads\/[^/]+$/.test(entry));
}
