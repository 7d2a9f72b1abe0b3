import { rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { eachTempDir } from '../../tests/support/temp-dir';
import { unitDatabaseForFile } from '../../tests/support/unit-database';
import type { Db } from '../db/client';
import { createFsBlobStore } from '../storage/fs-blob-store';
import { checkReadiness, readinessResponse } from './readiness';

const unit = unitDatabaseForFile();
let root = '';
eachTempDir('ferry-ready-', (dir) => {
  root = dir;
});

const deps = (db: () => Promise<Db> = async () => unit.db) => ({ db, store: () => createFsBlobStore(root) });

describe('checkReadiness', () => {
  it('is ready on a migrated database and a usable store', async () => {
    const readiness = await checkReadiness(deps());
    expect(readiness).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', blobStore: 'ok' }, failing: [] });
    const response = readinessResponse(readiness, 'trace-1');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      code: 0,
      message: null,
      data: { status: 'ready', checks: readiness.checks },
      traceId: 'trace-1',
    });
  });

  it('names the blob store when its root is gone or is a file', async () => {
    await rm(root, { recursive: true });
    expect((await checkReadiness(deps())).failing).toEqual(['blobStore']);
    await writeFile(root, 'x');
    const readiness = await checkReadiness(deps());
    expect(readiness.checks).toEqual({ database: 'ok', migrations: 'ok', blobStore: 'failing' });
    const response = readinessResponse(readiness, 'trace-2');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 250125, message: expect.stringContaining('blob store'), traceId: 'trace-2' });
    await rm(root);
  });

  it('names the database and the migrations when the database refuses', async () => {
    const down = async (): Promise<Db> => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    };
    const readiness = await checkReadiness(deps(down));
    expect(readiness.failing).toEqual(['database', 'migrations']);
    expect(((await readinessResponse(readiness, 't').json()) as { message: string }).message).toBe(
      'Not ready: database, migrations failing; the server log says why',
    );
  });
});
