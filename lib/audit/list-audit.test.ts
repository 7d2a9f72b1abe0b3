import { describe, expect, it } from 'vitest';
import { unitDatabaseForFile } from '../../tests/support/unit-database';
import { listAuditEvents, pruneAuditEvents } from './list-audit';
import { recordAudit } from './record-audit';
import { auditQuerySchema } from './schemas';

const unit = unitDatabaseForFile();

const DAY = 86_400_000;
const now = new Date('2031-06-01T00:00:00Z');
const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
const row = (resource: string, time: Date, projectId = 'retention') => ({
  userId: 'alice',
  address: '10.0.0.1',
  action: 'file.upload' as const,
  projectId,
  repoName: 'r',
  resource,
  outcome: 'OK' as const,
  detail: { password: 'hunter22', size: 3 },
  traceId: 't',
  time,
});

describe('audit log', () => {
  it('prunes rows older than the retention and keeps the rest', async () => {
    await recordAudit(unit.db, row('old', at(31)));
    await recordAudit(unit.db, row('edge', at(29)));
    await recordAudit(unit.db, row('new', at(0)));
    expect(await pruneAuditEvents(unit.db, { now, days: 30 })).toBe(1);
    const page = await listAuditEvents(unit.db, auditQuerySchema.parse({ projectId: 'retention' }));
    expect(page.records.map((r) => r.resource)).toEqual(['new', 'edge']);
    // A second run deletes nothing more (housekeeping may run on several instances).
    expect(await pruneAuditEvents(unit.db, { now, days: 30 })).toBe(0);
  });

  it('masks secrets in detail and pages newest first by afterId', async () => {
    for (const name of ['a', 'b', 'c']) await recordAudit(unit.db, row(name, now, 'paging'));
    const first = await listAuditEvents(unit.db, auditQuerySchema.parse({ projectId: 'paging', limit: '2' }));
    expect(first.records.map((r) => r.resource)).toEqual(['c', 'b']);
    expect(first.records[0]?.detail).toEqual({ password: '***', size: 3 });
    expect(first.nextAfterId).toBe(first.records[1]?.id);
    const second = await listAuditEvents(
      unit.db,
      auditQuerySchema.parse({ projectId: 'paging', limit: '2', afterId: String(first.nextAfterId) }),
    );
    expect(second.records.map((r) => r.resource)).toEqual(['a']);
    expect(second.nextAfterId).toBeNull();
  });
});
