import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unitDatabaseForFile } from '../../tests/support/unit-database';
import { artifactEvents, eventCursors, executions, REAL_TIME_CONSUMER } from '../db/schema';
import { readQueueStats } from './queue-stats';

const unit = unitDatabaseForFile();
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const event = (path: string, createdAt: Date) => ({
  type: 'NODE_CREATED' as const,
  projectName: 'p',
  repoName: 'r',
  path,
  actor: 'admin',
  createdAt,
});

describe('readQueueStats', () => {
  it('reports the queued runs, the oldest one’s wait and the unread outbox events', async () => {
    expect(await readQueueStats(unit.db, t0)).toEqual({ queued: 0, oldestQueuedSeconds: 0, outboxLagEvents: 0, outboxLagSeconds: 0 });

    // Rows as queueExecution writes them (this module only reads them).
    const run = (id: string, queuedAt: Date) => ({
      id,
      taskKey: `task-${id}`,
      status: 'QUEUED' as const,
      trigger: 'MANUAL' as const,
      queuedAt,
    });
    await unit.db.insert(executions).values([run('first', at(0)), run('second', at(30))]);
    await unit.db.insert(executions).values({ ...run('done', at(-500)), status: 'SUCCESS' });
    expect(await readQueueStats(unit.db, at(90))).toMatchObject({ queued: 2, oldestQueuedSeconds: 90 });
    // A claimed run is no longer waiting.
    await unit.db.update(executions).set({ status: 'RUNNING' }).where(eq(executions.id, 'first'));
    expect(await readQueueStats(unit.db, at(90))).toMatchObject({ queued: 1, oldestQueuedSeconds: 60 });

    const [read] = await unit.db
      .insert(artifactEvents)
      .values(event('/a', at(100)))
      .returning({ id: artifactEvents.id });
    await unit.db.insert(artifactEvents).values([event('/b', at(110)), event('/c', at(120))]);
    await unit.db.insert(eventCursors).values({ consumer: REAL_TIME_CONSUMER, lastEventId: read?.id ?? 0 });
    expect(await readQueueStats(unit.db, at(130))).toMatchObject({ outboxLagEvents: 2, outboxLagSeconds: 20 });
  });
});
