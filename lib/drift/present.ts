import { formatLocalDateTime } from '../time/local-time';
import type { DriftCheckRow, DriftItemRow } from './queries';

/** A check as every drift endpoint answers it; `outOfSync` = missing + different + extra. */
export function toDriftCheckInfo(row: DriftCheckRow) {
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status,
    startTime: formatLocalDateTime(row.startedAt),
    endTime: formatLocalDateTime(row.finishedAt),
    inSync: row.inSync,
    missing: row.missing,
    different: row.different,
    extra: row.extra,
    outOfSync: row.missing + row.different + row.extra,
    errorReason: row.errorReason,
  };
}

export function toDriftItemInfo(row: DriftItemRow) {
  return {
    state: row.state,
    artifactKind: row.artifactKind,
    artifactName: row.artifactName,
    version: row.version,
    sourceDigest: row.sourceDigest,
    targetDigest: row.targetDigest,
    size: row.size,
  };
}

// The UI hooks type their responses with these.
export type DriftCheckInfo = ReturnType<typeof toDriftCheckInfo>;
export type DriftItemInfo = ReturnType<typeof toDriftItemInfo>;
