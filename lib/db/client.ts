import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env } from '../env';
import { ensureDataDirSync, ensurePrivateDirSync } from '../fs/private-files';
import { collectGarbageNow } from './collect-garbage-now';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A database handle or an open transaction: queries take either. */
export type Db = Database;

type Listen = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
type Connection = { db: Database; backend: 'pglite' | 'postgres'; listen: Listen; close: () => Promise<void> };

/** Opens PostgreSQL when DATABASE_URL is set, else the embedded PGlite in FERRY_DATA_DIR/pgdata. */
export async function openConnection(options: {
  databaseUrl?: string;
  dataDir: string;
  /** PGlite only: its shared_buffers (FERRY_PGLITE_SHARED_BUFFERS). */
  sharedBuffers?: string;
}): Promise<Connection> {
  if (options.databaseUrl) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = drizzle({ client: pool, schema }) as unknown as Database;
    return {
      db,
      backend: 'postgres',
      listen: (channel, onNotify) => listenPostgres(options.databaseUrl ?? '', channel, onNotify),
      close: () => pool.end(),
    };
  }
  const dir = path.join(options.dataDir, 'pgdata');
  ensureDataDirSync(options.dataDir);
  ensurePrivateDirSync(dir);
  const fresh = readdirSync(dir).length === 0;
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers ?? '32MB'}`];
  const client = await PGlite.create(dir, { startParams });
  // Later, not now: the dropped initdb instance is still reachable from the frames that just returned.
  if (fresh) setTimeout(collectGarbageNow, 2000).unref();
  const db = drizzle({ client, schema }) as unknown as Database;
  return { db, backend: 'pglite', listen: (channel, onNotify) => client.listen(channel, () => onNotify()), close: () => client.close() };
}

/** LISTEN on a connection of its own (a pooled one would drop it), reconnecting after errors. */
async function listenPostgres(databaseUrl: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  const { Client } = await import('pg');
  let client: InstanceType<typeof Client> | undefined;
  let closed = false;
  const connect = async (): Promise<void> => {
    const current = new Client({ connectionString: databaseUrl });
    client = current;
    current.on('notification', () => onNotify());
    current.on('error', () => {
      // Callers keep polling meanwhile; reconnect shortly.
      current.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 2000).unref();
    });
    await current.connect();
    await current.query(`LISTEN ${channel}`);
  };
  await connect();
  return async () => {
    closed = true;
    await client?.end().catch(() => undefined);
  };
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
    const connection = await openConnection({
      databaseUrl: e.DATABASE_URL,
      dataDir: e.dataDir,
      sharedBuffers: e.FERRY_PGLITE_SHARED_BUFFERS,
    });
    const { migrateDatabase } = await import('./migrate');
    const ready = migrateDatabase(connection.db, connection.backend);
    return { ...connection, ready };
  })();
  const connection = await holder.__ferryDb;
  await connection.ready;
  return connection.db;
}

/** Calls `onNotify` for each NOTIFY on `channel` of the process-wide database, after its commit. */
export async function listenDatabase(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  await getDb();
  // biome-ignore lint/style/noNonNullAssertion: set by getDb above
  const unlisten = await (await holder.__ferryDb!).listen(channel, onNotify);
  listeners.add(unlisten);
  return async () => {
    listeners.delete(unlisten);
    await unlisten();
  };
}

// On globalThis like the database: the runner (instrumentation) and shutdown may be separate module graphs.
const listenerHolder = globalThis as typeof globalThis & { __ferryDbListeners?: Set<() => Promise<void>> };
listenerHolder.__ferryDbListeners ??= new Set();
const listeners = listenerHolder.__ferryDbListeners;

/**
 * Closes the process-wide database at shutdown (LISTEN connections, then the pool or PGlite), so
 * PostgreSQL sees clean disconnects and PGlite flushes. Later getDb calls would open it again.
 */
export async function closeDatabase(): Promise<void> {
  const opened = holder.__ferryDb;
  if (!opened) return;
  holder.__ferryDb = undefined;
  await Promise.all([...listeners].map((unlisten) => unlisten().catch(() => undefined)));
  listeners.clear();
  await (await opened).close();
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
