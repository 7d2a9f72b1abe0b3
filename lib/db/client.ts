import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env } from '../env';
import { ensureDataDirSync, ensurePrivateDirSync } from '../storage/private-files';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A database handle or an open transaction: queries take either. */
export type Db = Database;

type Connection = { db: Database; backend: 'pglite' | 'postgres'; close: () => Promise<void> };

/** Opens PostgreSQL when DATABASE_URL is set, else the embedded PGlite in FERRY_DATA_DIR/pgdata. */
export async function openConnection(options: { databaseUrl?: string; dataDir: string }): Promise<Connection> {
  if (options.databaseUrl) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = drizzle({ client: pool, schema }) as unknown as Database;
    return { db, backend: 'postgres', close: () => pool.end() };
  }
  const dir = path.join(options.dataDir, 'pgdata');
  ensureDataDirSync(options.dataDir);
  ensurePrivateDirSync(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create(dir);
  const db = drizzle({ client, schema }) as unknown as Database;
  return { db, backend: 'pglite', close: () => client.close() };
}

type Ready = Connection & { ready: Promise<void> };
const holder = globalThis as typeof globalThis & { __ferryDb?: Promise<Ready> };

/**
 * The process-wide database, migrated (lib/server/start-ferry.ts seeds it). Kept on globalThis because Next.js loads
 * instrumentation and each route bundle as separate module graphs; PGlite must be opened once.
 */
export async function getDb(): Promise<Database> {
  holder.__ferryDb ??= (async () => {
    const e = env();
    const connection = await openConnection({ databaseUrl: e.DATABASE_URL, dataDir: e.dataDir });
    const { migrateDatabase } = await import('./migrate');
    const ready = migrateDatabase(connection.db, connection.backend);
    return { ...connection, ready };
  })();
  const connection = await holder.__ferryDb;
  await connection.ready;
  return connection.db;
}

export async function getBackend(): Promise<'pglite' | 'postgres'> {
  await getDb();
  // biome-ignore lint/style/noNonNullAssertion: set by getDb above
  return (await holder.__ferryDb!).backend;
}

/** Rows of a raw `db.execute(sql…)`: both drivers return `{ rows }`, which the shared type cannot express. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
