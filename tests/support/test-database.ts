import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openConnection } from '../../lib/db/client';
import { freshDatabase, workDir } from './backends';

/**
 * A fresh, migrated database on the suite's backend (PGlite or PostgreSQL), opened in the test
 * process: for domain operations that need no server, e.g. probing a target with a task row.
 */
export async function openTestDatabase(): ReturnType<typeof openConnection> {
  const id = randomBytes(6).toString('hex');
  const dataDir = path.join(workDir, 'in-process', id);
  const env = await freshDatabase(id, dataDir);
  return openConnection({ databaseUrl: env.DATABASE_URL, dataDir });
}
