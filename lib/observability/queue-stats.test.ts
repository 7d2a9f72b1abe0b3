import { describe, expect, it } from 'vitest';
import { createUnitConfig, unitDatabaseForFile } from '../../tests/support/unit-database';
import { artifactEvents, eventCursors, REAL_TIME_CONSUMER } from '../db/schema';
import { claimNextExecution } from '../executions/lease';
import { queueExecution } from '../executions/queue-execution';
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

    const first = (await createUnitConfig(unit.db, { name: 'first', replicaType: 'SCHEDULED', now: t0 })).config;
    const second = (await createUnitConfig(unit.db, { name: 'second', replicaType: 'SCHEDULED', now: t0 })).config;
    await queueExecution(unit.db, { task: first, trigger: 'MANUAL', now: at(0) });
    await queueExecution(unit.db, { task: second, trigger: 'MANUAL', now: at(30) });
    expect(await readQueueStats(unit.db, at(90))).toMatchObject({ queued: 2, oldestQueuedSeconds: 90 });
    // A claimed run is no longer waiting.
    await claimNextExecution(unit.db, 'unit', 3000, at(90));
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
