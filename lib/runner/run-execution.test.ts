import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitRepository, unitDatabaseForFile } from '../../tests/support/unit-database';
import { createRunOnceTask, executeRunOnceTask } from '../distribution/run-once-tasks';
import { runOnceTaskSchema } from '../distribution/schemas';
import { claimNextExecution } from '../executions/lease';
import { getExecutionOrThrow, listExecutionDetails } from '../executions/queries';
import { createFsBlobStore } from '../storage/fs-blob-store';
import { runExecution } from './run-execution';

// A whole run in-process: planned, claimed and run against a real (PGlite) database.

const unit = unitDatabaseForFile();
let storeDir: string;
beforeAll(async () => {
  storeDir = await mkdtemp(path.join(tmpdir(), 'ferry-unit-store-'));
}, 60_000);
afterAll(async () => {
  await rm(storeDir, { recursive: true, force: true });
});

describe('runExecution', () => {
  it('fails a run-once task for a version that does not exist, saying so per artifact', async () => {
    const repo = await createUnitRepository(unit.db, 'DOCKER');
    const now = new Date('2026-03-01T10:00:00Z');
    const task = runOnceTaskSchema.parse({
      name: 'ghost_push',
      registry: 'http://127.0.0.1:9/ns',
      packageName: 'nginx',
      versions: ['9.9'],
    });
    await createRunOnceTask(unit.db, { ...repo, task, actor: 'admin', now });
    const { executionId } = await executeRunOnceTask(unit.db, { ...repo, name: 'ghost_push', now });
    const claimed = await claimNextExecution(unit.db, 'test-runner', 30_000, now);
    if (!claimed) throw new Error('nothing claimed');

    await runExecution({ db: unit.db, store: createFsBlobStore(storeDir), now: () => now }, claimed, new AbortController().signal);

    const run = await getExecutionOrThrow(unit.db, executionId);
    expect(run).toMatchObject({ status: 'FAILED', totalItems: 1, failedItems: 1, leaseOwner: null, endTime: now });
    expect(run.errorReason).toContain('nginx:9.9 does not exist');
    const failed = await listExecutionDetails(unit.db, executionId, { pageNumber: 1, pageSize: 10, status: 'FAILED' });
    expect(failed.records).toEqual([expect.objectContaining({ artifactName: 'nginx', version: '9.9', status: 'FAILED' })]);
  });
});
