import type { ConflictStrategy } from '../runner/transfer-outcome';
import type { ArtifactStat } from '../target-probe/target-probe';

/**
 * What a run would do with one artifact. COPY: absent at the target. SKIP: present with the same
 * digest. CONFLICT: present with different content (`conflictAction` says what the strategy does).
 * FAIL: the run would fail it without asking the target (absent at the source, a file to a
 * registry). UNKNOWN: not probed (the time budget ran out) or the probe failed (`reason`).
 */
export const planFates = ['COPY', 'SKIP', 'CONFLICT', 'FAIL', 'UNKNOWN'] as const;
export type PlanFate = (typeof planFates)[number];

/** A conflict under each strategy: SKIP leaves the target's copy, OVERWRITE replaces it, FAST_FAIL fails the artifact and so the run. */
export const conflictActions = ['SKIPPED', 'OVERWRITTEN', 'RUN_FAILS'] as const;
type ConflictAction = (typeof conflictActions)[number];

const ACTION_OF: Record<ConflictStrategy, ConflictAction> = { SKIP: 'SKIPPED', OVERWRITE: 'OVERWRITTEN', FAST_FAIL: 'RUN_FAILS' };

export type Fate = { fate: 'COPY' | 'SKIP' } | { fate: 'CONFLICT'; conflictAction: ConflictAction };

/**
 * The fate from what the target holds, as lib/runner/push-file.ts and push-image.ts decide it: a
 * file by its sha256, an image tag by its manifest digest. Several target tags: any tag holding
 * other content is a conflict; all holding this digest is a skip; otherwise the missing ones are copied.
 */
export function fateAtTarget(sourceDigest: string | null, stat: ArtifactStat, strategy: ConflictStrategy): Fate {
  if (!stat.present) return { fate: 'COPY' };
  const conflict: Fate = { fate: 'CONFLICT', conflictAction: ACTION_OF[strategy] };
  if (stat.tags) {
    if (stat.tags.some((tag) => tag.digest !== null && tag.digest !== sourceDigest)) return conflict;
    return stat.tags.every((tag) => tag.digest === sourceDigest) ? { fate: 'SKIP' } : { fate: 'COPY' };
  }
  return stat.digest !== null && stat.digest === sourceDigest ? { fate: 'SKIP' } : conflict;
}

/** Whether the run would send this artifact's content: copies, and conflicts it overwrites. */
export function wouldSend(fate: Fate): boolean {
  return fate.fate === 'COPY' || (fate.fate === 'CONFLICT' && fate.conflictAction === 'OVERWRITTEN');
}
