import { pruneAuditEvents } from '../audit/list-audit';
import { pruneBlobLocations } from '../blob-locations/queries';
import type { Db } from '../db/client';
import { pruneExecutionHistory } from '../executions/prune-history';
import { log } from '../http/log';
import { pruneWebhookDeliveries } from '../notifications/prune-deliveries';
import { purgeIdleUploads } from '../oci/uploads';
import type { BlobStore } from '../storage/blob-store';
import { collectGarbage } from '../storage/collect-garbage';

const HOUR = 3_600_000;

/** How long records are kept, in days (FERRY_AUDIT_DAYS, FERRY_BLOB_LOCATION_DAYS, FERRY_HISTORY_DAYS). */
export type Retention = { auditDays: number; blobLocationDays: number; historyDays: number };

/**
 * Hourly, beside the runner: drop OCI upload sessions idle for a day, collect unreferenced blobs,
 * prune audit rows past FERRY_AUDIT_DAYS, blob locations not seen for FERRY_BLOB_LOCATION_DAYS and
 * finished runs and webhook delivery log lines past FERRY_HISTORY_DAYS. All are safe to run from several instances at once (each
 * deletion re-checks).
 */
export function startHousekeeping(db: Db, store: BlobStore, now: () => Date, retention: Retention): () => void {
  const run = async () => {
    try {
      const uploads = await purgeIdleUploads(db, store, new Date(now().getTime() - 24 * HOUR));
      const garbage = await collectGarbage(db, store, { now: now() });
      const auditRowsPruned = await pruneAuditEvents(db, { now: now(), days: retention.auditDays });
      const blobLocationsPruned = await pruneBlobLocations(db, { now: now(), days: retention.blobLocationDays });
      const history = await pruneExecutionHistory(db, { now: now(), days: retention.historyDays });
      const webhookDeliveriesPruned = await pruneWebhookDeliveries(db, { now: now(), days: retention.historyDays });
      log('info', 'housekeeping', {
        idleUploadsRemoved: uploads,
        ...garbage,
        auditRowsPruned,
        blobLocationsPruned,
        ...history,
        webhookDeliveriesPruned,
      });
    } catch (error) {
      log('warn', 'housekeeping failed', { error: String(error) });
    }
  };
  const first = setTimeout(run, 5 * 60_000);
  const every = setInterval(run, HOUR);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
