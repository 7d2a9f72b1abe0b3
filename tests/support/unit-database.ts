import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Db, openConnection } from '../../lib/db/client';
import { migrateDatabase } from '../../lib/db/migrate';
import { getConfigOrThrow } from '../../lib/distribution/queries';
import { createDistributionConfigs } from '../../lib/distribution/save-configs';
import { createProject } from '../../lib/projects/create-project';
import { createRepository } from '../../lib/projects/create-repository';
import { createProjectSchema, createRepositorySchema } from '../../lib/projects/schemas';
import { setUp } from './set-up';

/**
 * A migrated PGlite folder, made once per set of migrations and copied for each test file: a
 * copy opens in about a second, where initdb and the migrations take several.
 */
async function migratedTemplate(): Promise<string> {
  const journal = await readFile(path.resolve('drizzle/meta/_journal.json'));
  const template = path.resolve('.tmp/templates', `unit-pglite-${createHash('sha256').update(journal).digest('hex').slice(0, 12)}`);
  if (await stat(template).catch(() => undefined)) return template;
  const build = await mkdtemp(path.join(tmpdir(), 'ferry-unit-template-'));
  const connection = await openConnection({ dataDir: build });
  await migrateDatabase(connection.db, 'pglite');
  await connection.close();
  await mkdir(path.dirname(template), { recursive: true });
  // Another test file may have finished its template first: either copy is the same.
  await rename(path.join(build, 'pgdata'), template).catch(() => undefined);
  await rm(build, { recursive: true, force: true });
  return template;
}

/** A real, migrated PGlite database in a temporary folder; `close` removes it. */
async function openUnitDatabase(): Promise<{ db: Db; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ferry-unit-'));
  await cp(await migratedTemplate(), path.join(dir, 'pgdata'), { recursive: true });
  const connection = await openConnection({ dataDir: dir });
  return {
    db: connection.db,
    close: async () => {
      await connection.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A real, migrated PGlite database for the test file that calls it, for unit tests that need the
 * runner's SQL (locks, partial unique index, triggers): opened before its tests, removed after
 * them. Tests in the file keep apart by creating their own project.
 */
export function unitDatabaseForFile(): { readonly db: Db } {
  let opened: { db: Db; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    opened = await openUnitDatabase();
  }, 60_000);
  afterAll(() => opened?.close());
  return {
    get db() {
      return setUp(opened).db;
    },
  };
}

let sequence = 0;

/** A fresh project with one repository, made through the domain operations. */
export async function createUnitRepository(db: Db, type: 'GENERIC' | 'DOCKER' = 'GENERIC') {
  sequence += 1;
  const projectName = `p${sequence}_${Date.now().toString(36)}`;
  await createProject(db, createProjectSchema.parse({ name: projectName }), 'admin');
  await createRepository(db, createRepositorySchema.parse({ projectId: projectName, name: 'repo', type }), 'admin');
  return { projectName, repoName: 'repo' };
}

/** A distribution config to a (never contacted) loopback registry in a fresh DOCKER repository. */
export async function createUnitConfig(
  db: Db,
  options: { name: string; replicaType: 'REAL_TIME' | 'SCHEDULED'; setting?: Record<string, unknown>; enable?: boolean; now: Date },
) {
  const repo = await createUnitRepository(db, 'DOCKER');
  await createDistributionConfigs(db, {
    ...repo,
    configs: [
      {
        name: options.name,
        registry: 'http://127.0.0.1:9/ns',
        replicaType: options.replicaType,
        setting: options.setting ?? {},
        enable: options.enable ?? true,
      },
    ],
    actor: 'admin',
    now: options.now,
  });
  return { repo, config: await getConfigOrThrow(db, { ...repo, name: options.name }) };
}
