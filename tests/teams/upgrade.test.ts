import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openConnection, rowsOf } from '../../lib/db/client';
import { apiClient, dataOf } from '../support/api-client';
import { backend, databaseUrl, withAdminClient, workDir } from '../support/backends';
import { type FerryProcess, spawnFerry } from '../support/harness';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The migrations folder as it was before teams (0000-0003), for an "old" database. */
async function migrationsBeforeTeams(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ferry-old-migrations-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  const journal = JSON.parse(await readFile('drizzle/meta/_journal.json', 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
  const old = journal.entries.filter((entry) => entry.idx <= 3);
  await mkdir(path.join(folder, 'meta'));
  await writeFile(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: old }));
  for (const entry of old) await cp(path.join('drizzle', `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

async function migrateTo(db: Database, migrationsFolder: string): Promise<void> {
  if (backend === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the backend-specific handle
    await migrate(db as any, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the backend-specific handle
    await migrate(db as any, { migrationsFolder });
  }
}

describe('upgrading a database from before teams', () => {
  it('keeps every existing user an administrator, so nobody is locked out', async () => {
    const dataDir = await mkdtemp(path.join(workDir, 'upgrade-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    let env: Record<string, string> = { FERRY_DATA_DIR: dataDir };
    if (backend === 'postgres') {
      const name = `ferry_upgrade_${Date.now().toString(36)}`;
      await withAdminClient((client) => client.query(`create database "${name}"`));
      cleanups.push(() =>
        withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
      );
      env = { ...env, DATABASE_URL: databaseUrl(name) };
    }

    // An old Ferry: the schema of migration 0003, with `admin` and a second user (admin's password hash works for both).
    const old = await openConnection({ dataDir, databaseUrl: env.DATABASE_URL });
    await migrateTo(old.db, await migrationsBeforeTeams());
    const { hashPassword } = await import('../../lib/auth/passwords');
    const hash = await hashPassword('old-user-password');
    await old.db.execute(sql`insert into users (id, username, password_hash) values ('u1', 'admin', ${hash}), ('u2', 'ops', ${hash})`);
    await old.close();

    // The new Ferry migrates at start-up.
    const ferry: FerryProcess = await spawnFerry({ env: { ...env, FERRY_RUNNER: 'off', TZ: 'UTC' } });
    cleanups.push(() => ferry.stop());
    const ops = apiClient(ferry.url, { username: 'ops', password: 'old-user-password' });
    expect(dataOf(await ops.get<{ admin: boolean }>('/repository/api/user/info')).admin).toBe(true);
    dataOf(await ops.post('/repository/api/project/create', { name: 'still_allowed' }));
    const users = dataOf(await ops.get<Array<{ userId: string; admin: boolean }>>('/repository/api/user/list'));
    expect(users.map((u) => [u.userId, u.admin])).toEqual([
      ['admin', true],
      ['ops', true],
    ]);
    // New users start without rights.
    const created = dataOf(
      await ops.post<{ admin: boolean }>('/repository/api/user/create', { userId: 'newbie', name: 'n', password: '12345678' }),
    );
    expect(created.admin).toBe(false);
    await ferry.stop();

    const reopened = await openConnection({ dataDir, databaseUrl: env.DATABASE_URL });
    const applied = rowsOf<{ n: number }>(await reopened.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    await reopened.close();
    const journal = JSON.parse(await readFile(path.resolve('drizzle/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(applied[0]?.n).toBe(journal.entries.length);
  });
});
