import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../lib/db/client';
import { apiClient, dataOf } from '../support/api-client';
import { backend } from '../support/backends';
import { createConfigs, createProjectWithRepo, createRunOnceTask, executeRunOnceTask } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';

const SECRET = 'persisted-registry-password-77';
let server: FerryServer;
beforeAll(async () => {
  server = await startFerry();
});
afterAll(() => server?.stop());

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('persistence and secrets at rest', () => {
  it('keeps projects, configs and run-once status across a restart, with the password encrypted on disk', async () => {
    const api = apiClient(server.url);
    const { projectId, repoName } = await createProjectWithRepo(api);
    await createConfigs(api, { projectId, repoName }, [
      {
        name: 'kept',
        registry: '127.0.0.1:5000/ns',
        username: 'robot',
        password: SECRET,
        replicaType: 'SCHEDULED',
        setting: { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 3 * * ?' } },
      },
    ]);
    await createRunOnceTask(api, {
      projectId,
      repoName,
      name: 'once',
      registry: '127.0.0.1:5000/ns',
      packageName: 'app',
      versions: ['1'],
    });
    await executeRunOnceTask(api, { projectId, repoName }, 'once');
    const configsBefore = dataOf(await api.get(`/replication/api/remote/distribution/info/${projectId}/${repoName}`));
    const statusBefore = dataOf(
      await api.get(`/replication/api/remote/distribution/get/runOnceTaskStatus/${projectId}/${repoName}?name=once`),
    );

    await server.restart();

    expect(dataOf(await api.get(`/replication/api/remote/distribution/info/${projectId}/${repoName}`))).toEqual(configsBefore);
    expect(dataOf(await api.get(`/replication/api/remote/distribution/get/runOnceTaskStatus/${projectId}/${repoName}?name=once`))).toEqual(
      statusBefore,
    );
    expect(server.output()).not.toContain(SECRET);

    await server.stop();
    const connection = await openConnection({ databaseUrl: server.env.DATABASE_URL, dataDir: server.dataDir });
    const { replicaTasks } = await import('../../lib/db/schema');
    const rows = await connection.db.select({ password: replicaTasks.passwordEncrypted }).from(replicaTasks);
    await connection.close();
    const stored = rows.map((r) => r.password).find((p) => p !== null);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(SECRET);
    if (backend === 'pglite') {
      for (const file of await filesUnder(path.join(server.dataDir, 'pgdata'))) {
        expect((await readFile(file)).includes(SECRET), file).toBe(false);
      }
    }
  });
});
