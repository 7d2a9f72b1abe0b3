import { and, asc, eq, gt, max } from 'drizzle-orm';
import type { Db } from '../db/client';
import { artifactEvents, eventCursors, REAL_TIME_CONSUMER, replicaTasks } from '../db/schema';
import type { DeletedArtifact } from '../deletions/exists-at-source';
import { cancelPendingDeletions, deleteWork, recordPendingDeletion } from '../deletions/pending-deletions';
import { tasksOfKindIn } from '../distribution/queries';
import { taskCovers } from '../distribution/task-scope';
import { queueExecution } from '../executions/queue-execution';
import { findSubjectOf, listTagsOfDigest } from '../oci/queries';
import { cosignTagSubject, isReferrerTag } from '../oci/referrer-tags';
import { planReferrers } from './plan-referrers';

const CONSUMER = REAL_TIME_CONSUMER;
const BATCH = 200;

type Event = typeof artifactEvents.$inferSelect;
type Task = typeof replicaTasks.$inferSelect;

const DISTRIBUTED_EVENTS = ['NODE_CREATED', 'NODE_OVERWRITTEN', 'VERSION_CREATED', 'VERSION_UPDATED', 'REFERRER_CREATED'] as const;
const DELETION_EVENTS = ['NODE_DELETED', 'VERSION_DELETED'] as const;
const isOneOf = (types: readonly string[], event: Event) => types.includes(event.type);
const isFileEvent = (event: Event) => event.type.startsWith('NODE_');

/** Whether a REAL_TIME config wants this event's artifact. */
const configWantsEvent = (task: Task, event: Event) => taskCovers(task, deletedArtifactOf(event));

/**
 * Turns new outbox events into work for REAL_TIME configs (queueExecution appends the artifact
 * to the config's queued or running execution, or queues one). The cursor row is locked for the batch,
 * so one instance consumes at a time, and it advances in the same transaction as the work it made.
 */
export async function consumeArtifactEvents(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [cursor] = await tx.select().from(eventCursors).where(eq(eventCursors.consumer, CONSUMER)).for('update', { skipLocked: true });
    if (!cursor) {
      // First start: distribute what happens from now on, not the whole history.
      const [latest] = await tx.select({ id: max(artifactEvents.id) }).from(artifactEvents);
      await tx
        .insert(eventCursors)
        .values({ consumer: CONSUMER, lastEventId: latest?.id ?? 0 })
        .onConflictDoNothing();
      return 0;
    }
    const events = await tx
      .select()
      .from(artifactEvents)
      .where(gt(artifactEvents.id, cursor.lastEventId))
      .orderBy(asc(artifactEvents.id))
      .limit(BATCH);
    if (events.length === 0) return 0;
    let queued = 0;
    for (const event of events) {
      if (isOneOf(DELETION_EVENTS, event)) {
        queued += await handleDeletion(tx, event, now);
        continue;
      }
      if (!isOneOf(DISTRIBUTED_EVENTS, event)) continue;
      // Created again: a deletion a disabled config still holds for it must not apply any more.
      await cancelPendingDeletions(tx, event, deletedArtifactOf(event));
      const tasks = await tx
        .select()
        .from(replicaTasks)
        .where(and(tasksOfKindIn({ ...event, kind: 'CONFIG' }), eq(replicaTasks.replicaType, 'REAL_TIME'), eq(replicaTasks.enabled, true)));
      if (event.type === 'REFERRER_CREATED' || (event.version !== null && isReferrerTag(event.version))) {
        queued += await appendReferrer(tx, tasks, event, now);
        continue;
      }
      for (const task of tasks.filter((t) => configWantsEvent(t, event))) {
        await appendWork(tx, task, event, now);
        queued++;
      }
    }
    const last = events[events.length - 1];
    if (last) await tx.update(eventCursors).set({ lastEventId: last.id, updatedAt: now }).where(eq(eventCursors.consumer, CONSUMER));
    return queued;
  });
}

function deletedArtifactOf(event: Event): DeletedArtifact {
  const isFile = isFileEvent(event);
  return { artifactKind: isFile ? 'FILE' : 'IMAGE', artifactName: event.path, version: isFile ? null : event.version };
}

/**
 * A file or tag deleted at the source: DELETE work for the enabled REAL_TIME configs that replicate
 * deletions and cover it; a disabled one keeps it in pending_deletions until it is enabled again.
 */
async function handleDeletion(tx: Db, event: Event, now: Date): Promise<number> {
  const tasks = await tx
    .select()
    .from(replicaTasks)
    .where(
      and(tasksOfKindIn({ ...event, kind: 'CONFIG' }), eq(replicaTasks.replicaType, 'REAL_TIME'), eq(replicaTasks.replicateDeletes, true)),
    );
  const deleted = deletedArtifactOf(event);
  let queued = 0;
  for (const task of tasks.filter((t) => configWantsEvent(t, event))) {
    if (!task.enabled) {
      await recordPendingDeletion(tx, task, { ...deleted, digest: event.digest, eventId: event.id });
      continue;
    }
    await queueExecution(tx, { trigger: 'REAL_TIME', task, now, artifact: deleteWork({ ...deleted, digest: event.digest }) });
    queued++;
  }
  return queued;
}

async function appendWork(tx: Db, task: Task, event: Event, now: Date): Promise<void> {
  const isFile = isFileEvent(event);
  await queueExecution(tx, {
    trigger: 'REAL_TIME',
    task,
    now,
    artifact: {
      artifactKind: isFile ? 'FILE' : 'IMAGE',
      artifactName: event.path,
      version: isFile ? null : event.version,
      size: event.size ?? 0,
      digest: event.digest,
    },
  });
  // A version that is signed already (a new tag on a signed digest) takes its referrers along.
  if (isFile || !event.digest) return;
  const ref = { projectName: event.projectName, repoName: event.repoName, image: event.path };
  for (const artifact of await planReferrers(tx, ref, event.digest))
    await queueExecution(tx, { trigger: 'REAL_TIME', task, now, artifact });
}

/**
 * A signature, attestation or SBOM pushed after its image (an OCI referrer pushed by digest, or a
 * cosign-scheme tag) is distributed itself, as a referrer row, by each config that wants its subject:
 * the subject is not copied again. A plain fallback tag (`sha256-<hex>`) is not distributed at all:
 * Ferry keeps the target's own fallback index.
 */
async function appendReferrer(tx: Db, tasks: Task[], event: Event, now: Date): Promise<number> {
  const ref = { projectName: event.projectName, repoName: event.repoName, image: event.path };
  const cosign = event.version ? cosignTagSubject(event.version) : null;
  const subjectDigest =
    event.type === 'REFERRER_CREATED' ? await findSubjectOf(tx, ref, event.digest ?? '') : (cosign?.subjectDigest ?? null);
  if (!subjectDigest) return 0;
  const subjectTags = await listTagsOfDigest(tx, ref, subjectDigest);
  const wanting = tasks.filter(
    (task) =>
      subjectTags.some((tag) => configWantsEvent(task, { ...event, version: tag })) || configWantsEvent(task, { ...event, version: null }),
  );
  if (wanting.length === 0) return 0;
  const artifacts = (await planReferrers(tx, ref, subjectDigest)).filter((artifact) =>
    cosign ? artifact.version === event.version : artifact.version === null && artifact.digest === event.digest,
  );
  for (const task of wanting) {
    for (const artifact of artifacts) await queueExecution(tx, { trigger: 'REAL_TIME', task, now, artifact });
  }
  return wanting.length * artifacts.length;
}
