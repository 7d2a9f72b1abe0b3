import { chmodSync, mkdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';

/**
 * Ferry's data (database files, blobs, the secret key) is readable by its own user only. mkdir's
 * mode passes through the umask, so the folders Ferry owns are chmod-ed to the exact mode as well
 * (which also repairs folders an older version created world-readable).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * FERRY_DATA_DIR itself: private when Ferry creates it; an existing folder chosen by the operator
 * keeps its mode (the folders and files inside are private anyway).
 */
export function ensureDataDirSync(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (created !== undefined) chmodSync(dir, PRIVATE_DIR_MODE);
}
