import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { openConnection } from '../../lib/db/client';
import { migrateDatabase } from '../../lib/db/migrate';
import { backend, blobStore, databaseUrl, PG_TEMPLATE_DB, pgliteTemplateDir, withAdminClient, workDir } from './backends';
import { radosgwEnv, resetIntegrationBucket } from './radosgw';

// Migrates one template database per run; each test server starts from a copy of it, so no
// suite pays PGlite's ~5 s initdb or the migrations again.
export default async function setup(): Promise<void> {
  await mkdir(workDir, { recursive: true });
  // Test servers and registries keep their data after they stop (a failing test can be looked at);
  // the next run starts clean, so repeated runs do not fill the disk (a full run leaves ~16 GB).
  await Promise.all(['servers', 'registries'].map((dir) => rm(path.join(workDir, dir), { recursive: true, force: true })));
  if (blobStore === 's3') {
    // Started here, once, before the workers' servers need it; the bucket starts empty like the folders above.
    radosgwEnv();
    resetIntegrationBucket();
  }
  if (backend === 'pglite') {
    const buildDir = path.join(path.dirname(pgliteTemplateDir), 'pglite-build');
    await rm(pgliteTemplateDir, { recursive: true, force: true });
    await rm(buildDir, { recursive: true, force: true });
    const connection = await openConnection({ dataDir: buildDir });
    await migrateDatabase(connection.db, 'pglite');
    await connection.close();
    await rename(path.join(buildDir, 'pgdata'), pgliteTemplateDir);
    await rm(buildDir, { recursive: true, force: true });
    return;
  }
  await withAdminClient(async (client) => {
    await client.query(`drop database if exists "${PG_TEMPLATE_DB}" with (force)`);
    await client.query(`create database "${PG_TEMPLATE_DB}"`);
  });
  const connection = await openConnection({ databaseUrl: databaseUrl(PG_TEMPLATE_DB), dataDir: workDir });
  await migrateDatabase(connection.db, 'postgres');
  await connection.close();
}
