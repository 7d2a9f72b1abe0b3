import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { ErrorCode, httpStatusOf } from '../http/error-codes';
import { describeError, log } from '../http/log';
import type { BlobStore } from '../storage/blob-store';

type ReadinessPart = 'database' | 'migrations' | 'blobStore';
export type Readiness = { ready: boolean; checks: Record<ReadinessPart, 'ok' | 'failing'>; failing: ReadinessPart[] };

/** How long one part may take to answer before it counts as failing (an unreachable host hangs, it does not refuse). */
const PART_TIMEOUT_MS = 3000;
// Any digest works: it only has to be absent, and the store has to answer that it is.
const ABSENT_DIGEST = '0'.repeat(64);
const journalFile = path.join(process.cwd(), 'drizzle', 'meta', '_journal.json');

/**
 * /api/ready: can this instance serve? PostgreSQL answers, every migration this build ships is
 * applied, and the blob store answers. The causes go to the log, not to the anonymous caller.
 */
export async function checkReadiness(deps: { db: () => Promise<Db>; store: () => BlobStore }): Promise<Readiness> {
  const parts: Record<ReadinessPart, () => Promise<void>> = {
    database: async () => {
      await (await deps.db()).execute(sql`select 1`);
    },
    migrations: async () => assertMigrated(await deps.db()),
    blobStore: async () => {
      const store = deps.store();
      await store.stat(ABSENT_DIGEST);
      await store.checkReady?.();
    },
  };
  const names = Object.keys(parts) as ReadinessPart[];
  const results = await Promise.all(names.map((name) => withTimeout(parts[name](), name)));
  const failing = names.filter((_, i) => results[i] !== undefined);
  names.forEach((name, i) => {
    if (results[i] !== undefined) log('warn', 'not ready', { part: name, error: describeError(results[i]) });
  });
  const checks = Object.fromEntries(names.map((name) => [name, failing.includes(name) ? 'failing' : 'ok'])) as Readiness['checks'];
  return { ready: failing.length === 0, checks, failing };
}

/** Resolves to the error of a part that failed or took too long, undefined when it passed. */
async function withTimeout(check: Promise<void>, name: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Error>((resolve) => {
    timer = setTimeout(() => resolve(new Error(`${name} did not answer within ${PART_TIMEOUT_MS} ms`)), PART_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      check.then(
        () => undefined,
        (error: unknown) => error ?? new Error('failed'),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** drizzle's migrator applies each journal entry newer than the last recorded one; all of ours must be recorded. */
async function assertMigrated(db: Db): Promise<void> {
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: Array<{ when: number; tag: string }> };
  const newest = journal.entries.at(-1);
  if (!newest) return;
  const [row] = rowsOf<{ applied: number | string; last: number | string | null }>(
    await db.execute(sql`select count(*)::int as applied, max(created_at) as last from drizzle.__drizzle_migrations`),
  );
  const last = Number(row?.last ?? 0);
  if (last < newest.when)
    throw new Error(`migration ${newest.tag} is not applied (${row?.applied ?? 0} of ${journal.entries.length} recorded)`);
}

const PART_NAMES: Record<ReadinessPart, string> = { database: 'database', migrations: 'migrations', blobStore: 'blob store' };

/** Ferry's envelope: code 0 and 200 when ready, else NOT_READY and 503 with the failing parts named. */
export function readinessResponse(readiness: Readiness, traceId: string): Response {
  const headers = { 'X-Request-Id': traceId, 'Cache-Control': 'no-store' };
  const data = { status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks };
  if (readiness.ready) return Response.json({ code: 0, message: null, data, traceId }, { headers });
  const message = `Not ready: ${readiness.failing.map((part) => PART_NAMES[part]).join(', ')} failing; the server log says why`;
  return Response.json({ code: ErrorCode.NOT_READY, message, data, traceId }, { status: httpStatusOf[ErrorCode.NOT_READY], headers });
}
