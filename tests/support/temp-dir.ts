import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A fresh folder under the system temp folder for each test of the file, removed after it; `setUp` gets its path. */
export function eachTempDir(prefix: string, setUp: (dir: string) => void): void {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
    setUp(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
}
