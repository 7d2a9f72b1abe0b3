import type { Db } from '../db/client';
import { type AuditEntry, recordAudit } from './record-audit';
import type { AuditAction } from './schemas';

type Fields = Pick<AuditEntry, 'projectId' | 'repoName' | 'resource' | 'detail'>;

/**
 * One request's audit row, handed to the route handler by the wrapper (a route without an audit
 * action gets one that writes nothing): the operation writes the
 * OK row in its own transaction through `record(tx)`; otherwise the wrapper writes it right after
 * the change, and writes DENIED or FAILED when the request throws.
 */
export class AuditTrail {
  private fields: Fields;
  private written = false;

  constructor(
    private readonly base: Pick<AuditEntry, 'userId' | 'address' | 'traceId'> & { action: AuditAction | null },
    fields: Fields,
  ) {
    this.fields = fields;
  }

  /** Adds to what the row will say (resource, project, what changed). */
  note(fields: Partial<Fields>): void {
    this.fields = { ...this.fields, ...fields, detail: { ...this.fields.detail, ...fields.detail } };
  }

  /** Writes the OK row now, in the caller's transaction. */
  async record(tx: Db, fields: Partial<Fields> = {}): Promise<void> {
    this.note(fields);
    const action = this.base.action;
    if (!action) return;
    await recordAudit(tx, { ...this.base, action, ...this.fields, outcome: 'OK' });
    this.written = true;
  }

  /** The wrapper's part: the OK row if the operation did not write it, or the failure. */
  async finish(db: Db, outcome: 'OK' | 'DENIED' | 'FAILED', error?: string): Promise<void> {
    const action = this.base.action;
    if (!action || (outcome === 'OK' && this.written)) return;
    const detail = error ? { ...this.fields.detail, error } : this.fields.detail;
    await recordAudit(db, { ...this.base, action, ...this.fields, detail, outcome });
  }
}
