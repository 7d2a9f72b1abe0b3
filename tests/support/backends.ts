import { createHash } from 'node:crypto';
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';

/** Which database the integration suites run on: set by scripts/test-all.sh, one run per backend. */
export type Backend = 'pglite' | 'postgres';

export const backend: Backend = process.env.FERRY_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
/** Where test servers keep blob bytes: FERRY_TEST_BLOB_STORE=s3 puts them on the test radosgw (scripts/test-all.sh's third pass). */
export const blobStore: 'fs' | 's3' = process.env.FERRY_TEST_BLOB_STORE === 's3' ? 's3' : 'fs';
export const workDir = path.resolve('.tmp');
export const pgliteTemplateDir = path.join(workDir, 'templates', 'pglite');
// Per checkout, so suites of two clones on one PostgreSQL never drop each other's template.
export const PG_TEMPLATE_DB = `ferry_test_template_${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 8)}`;

/** Server-level connection for creating per-test databases (role with CREATEDB). */
function adminPgUrl(): string {
  const url = process.env.FERRY_TEST_PG_URL;
  if (!url)
    throw new Error('FERRY_TEST_PG_URL is not set: run the suite through `npm test` (scripts/test-all.sh), which starts PostgreSQL');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminPgUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminPgUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one server: a copy of the PGlite template folder, or a
 * PostgreSQL database cloned from the template database. Returns the env to start Ferry with.
 */
export async function freshDatabase(id: string, dataDir: string): Promise<Record<string, string>> {
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  if (backend === 'pglite') {
    await cp(pgliteTemplateDir, path.join(dataDir, 'pgdata'), { recursive: true });
    return {};
  }
  const name = `ferry_test_${id}`;
  await withAdminClient(async (client) => {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}" template "${PG_TEMPLATE_DB}"`);
  });
  return { DATABASE_URL: databaseUrl(name) };
}
