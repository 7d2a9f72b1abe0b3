import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './client';

const migrationsFolder = path.join(process.cwd(), 'drizzle');
// Any constant works; it only has to be the same for every Ferry instance on one database.
const MIGRATION_LOCK_KEY = 4_242_017;

/** Applies drizzle-kit migrations (idempotent). */
export async function migrateDatabase(db: Database, backend: 'pglite' | 'postgres'): Promise<void> {
  if (backend === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the backend-specific handle
    await migrate(db as any, { migrationsFolder });
    return;
  }
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // Instances starting together on one PostgreSQL queue here instead of racing on DDL.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the backend-specific handle
    await migrate(db as any, { migrationsFolder });
  });
}
