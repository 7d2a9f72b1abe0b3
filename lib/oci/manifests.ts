import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import { ociManifestReferences, ociManifests, ociRepositoryBlobs } from '../db/schema';
import { recordArtifactEvent } from '../events/record-event';
import { newRecordId } from '../ids/new-id';
import { actorOf, type OciContext, requestBodyStream, streamBody } from './context';
import { digestOfHex, isDigest, sha256HexOf } from './digests';
import { OciError } from './errors';
import { MAX_MANIFEST_BYTES, type ParsedManifest, parseManifest } from './manifest-format';
import { TAG } from './names';
import { findManifest, findManifestByReference, type ImageRef, imageIs } from './queries';
import { deleteTags, setTag } from './tag-changes';

const manifestPath = (context: OciContext, digest: string) => `/v2/${context.image.name}/manifests/${digest}`;

function imageRef(context: OciContext): ImageRef {
  return { projectName: context.image.projectName, repoName: context.image.repoName, image: context.image.image };
}

/**
 * A digest-shaped reference must be a valid sha256 digest (DIGEST_INVALID). Anything else that is
 * no valid tag cannot name a stored manifest: reads and deletes answer 404 MANIFEST_UNKNOWN, as
 * the conformance suite expects of a nonexistent manifest; a PUT is refused as invalid (400).
 */
function checkReference(reference: string, use: 'read' | 'write'): void {
  if (isDigest(reference)) {
    sha256HexOf(reference, 'reference');
    return;
  }
  if (TAG.test(reference)) return;
  const shown = reference.slice(0, 140);
  if (use === 'read')
    throw new OciError('MANIFEST_UNKNOWN', `no manifest [${shown}]: it is neither a tag nor a digest`, { reference: shown });
  throw new OciError('MANIFEST_INVALID', `[${shown}] is neither a tag ([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}) nor a digest`, {
    reference: shown,
  });
}

// distribution-spec §"Pulling manifests" (end-3): HEAD/GET /v2/<name>/manifests/<reference>.
// The stored bytes are served unchanged whatever the Accept header says (no conversion).
export async function getManifest(context: OciContext, reference: string, method: 'GET' | 'HEAD'): Promise<Response> {
  checkReference(reference, 'read');
  const manifest = await findManifestByReference(context.db, imageRef(context), reference);
  const stream = manifest && method === 'GET' ? await context.store.open(sha256HexOf(manifest.digest)) : null;
  if (!manifest || (method === 'GET' && !stream)) {
    throw new OciError('MANIFEST_UNKNOWN', `manifest ${reference} is not in ${context.image.name}`, { reference });
  }
  const headers = {
    'Content-Type': manifest.mediaType,
    'Content-Length': String(manifest.size),
    'Docker-Content-Digest': manifest.digest,
    ETag: `"${manifest.digest}"`,
  };
  return new Response(stream ? streamBody(stream) : null, { status: 200, headers });
}

// distribution-spec §"Pushing Manifests" (end-7): PUT /v2/<name>/manifests/<reference>, by tag or digest.
export async function putManifest(context: OciContext, reference: string): Promise<Response> {
  checkReference(reference, 'write');
  const bytes = await readManifestBytes(context.request);
  const hex = createHash('sha256').update(bytes).digest('hex');
  const digest = digestOfHex(hex);
  if (isDigest(reference) && reference !== digest) {
    throw new OciError('DIGEST_INVALID', `the manifest's digest is ${digest}, not ${reference}`, { reference, digest });
  }
  const parsed = parseManifest(bytes, context.request.headers.get('content-type'));
  const contentSize = await checkReferencesExist(context, parsed);
  await context.store.put(Readable.from([bytes]), { sha256: hex, size: bytes.length });
  const ref = imageRef(context);
  const actor = actorOf(context);
  await context.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(ociManifests)
      .values({
        id: newRecordId(),
        ...ref,
        digest,
        mediaType: parsed.mediaType,
        size: bytes.length,
        contentSize,
        platforms: parsed.children.map((child) => ({
          digest: child.digest,
          os: child.platform?.os,
          architecture: child.platform?.architecture,
          variant: child.platform?.variant,
        })),
        artifactType: parsed.artifactType,
        annotations: parsed.annotations,
        createdBy: actor,
      })
      .onConflictDoNothing()
      .returning({ id: ociManifests.id });
    if (inserted) {
      const references = referencesOf(parsed);
      if (references.length > 0) {
        await tx
          .insert(ociManifestReferences)
          .values(references.map((r) => ({ manifestId: inserted.id, ...r })))
          .onConflictDoNothing();
      } // A referrer pushed by digest has no tag, so no VERSION event: this one lets REAL_TIME configs see it.
      if (parsed.subject) {
        await recordArtifactEvent(tx, {
          type: 'REFERRER_CREATED',
          projectName: ref.projectName,
          repoName: ref.repoName,
          path: ref.image,
          version: null,
          digest,
          size: bytes.length,
          actor,
        });
      }
    }
    if (!isDigest(reference)) await setTag(tx, ref, reference, digest, contentSize, actor);
    await context.recordChange?.(tx, { digest, mediaType: parsed.mediaType, tag: isDigest(reference) ? null : reference });
  });
  const headers: Record<string, string> = { Location: manifestPath(context, digest), 'Docker-Content-Digest': digest };
  // distribution-spec §"Pushing Manifests with Subject": tells the client the referrers API indexed it.
  if (parsed.subject) headers['OCI-Subject'] = parsed.subject.digest;
  return new Response(null, { status: 201, headers });
}

// distribution-spec §"Deleting Manifests" (end-9) and §"Deleting tags": by digest removes the
// manifest and every tag on it; by tag removes only the tag.
export async function deleteManifest(context: OciContext, reference: string): Promise<Response> {
  checkReference(reference, 'read');
  const ref = imageRef(context);
  const actor = actorOf(context);
  const found = await context.db.transaction(async (tx) => {
    if (!isDigest(reference)) {
      const removed = await deleteTags(tx, ref, { tag: reference }, actor);
      if (removed.length > 0) await context.recordChange?.(tx, { tag: reference });
      return removed.length > 0;
    }
    const manifest = await findManifest(tx, ref, reference);
    if (!manifest) return false;
    const removed = await deleteTags(tx, ref, { digest: reference }, actor);
    await tx.delete(ociManifests).where(eq(ociManifests.id, manifest.id));
    await context.recordChange?.(tx, { digest: reference, tags: removed });
    return true;
  });
  if (!found) throw new OciError('MANIFEST_UNKNOWN', `manifest ${reference} is not in ${context.image.name}`, { reference });
  return new Response(null, { status: 202 });
}

/** Reads at most MAX_MANIFEST_BYTES; manifests are small JSON documents, so buffering them is fine. */
async function readManifestBytes(request: Request): Promise<Buffer> {
  const tooLarge = () =>
    new OciError('SIZE_INVALID', `manifests are limited to ${MAX_MANIFEST_BYTES} bytes`, { limit: MAX_MANIFEST_BYTES }, { status: 413 });
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > MAX_MANIFEST_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of requestBodyStream(request)) {
    total += (chunk as Buffer).length;
    if (total > MAX_MANIFEST_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  if (total === 0) throw new OciError('MANIFEST_INVALID', 'the manifest body is empty');
  return Buffer.concat(chunks);
}

/**
 * distribution-spec §"Pushing Manifests": every blob and child manifest must already be in this
 * image repository (MANIFEST_BLOB_UNKNOWN otherwise). Returns the content size of the manifest.
 */
async function checkReferencesExist(context: OciContext, parsed: ParsedManifest): Promise<number> {
  const ref = imageRef(context);
  const required = parsed.blobs.filter((b) => b.mustExist).map((b) => b.digest);
  if (required.length > 0) {
    const present = await context.db
      .select({ digest: ociRepositoryBlobs.digest })
      .from(ociRepositoryBlobs)
      .where(and(imageIs(ociRepositoryBlobs, ref), inArray(ociRepositoryBlobs.digest, required)));
    const have = new Set(present.map((p) => p.digest));
    const missing = required.find((d) => !have.has(d));
    if (missing)
      throw new OciError('MANIFEST_BLOB_UNKNOWN', `blob ${missing} is not in ${context.image.name}; push it first`, { digest: missing });
  }
  if (parsed.kind === 'image') return parsed.contentSize;
  const childDigests = parsed.children.map((c) => c.digest);
  if (childDigests.length === 0) return 0;
  const children = await context.db
    .select({ digest: ociManifests.digest, contentSize: ociManifests.contentSize })
    .from(ociManifests)
    .where(and(imageIs(ociManifests, ref), inArray(ociManifests.digest, childDigests)));
  const sizes = new Map(children.map((c) => [c.digest, c.contentSize]));
  const missing = childDigests.find((d) => !sizes.has(d));
  if (missing) {
    throw new OciError('MANIFEST_BLOB_UNKNOWN', `child manifest ${missing} is not in ${context.image.name}; push it first`, {
      digest: missing,
    });
  }
  return [...new Set(childDigests)].reduce((sum, d) => sum + (sizes.get(d) ?? 0), 0);
}

function referencesOf(parsed: ParsedManifest) {
  const all = [
    ...parsed.blobs.map((b) => ({ digest: b.digest, kind: b.kind, size: b.size })),
    ...parsed.children.map((c) => ({ digest: c.digest, kind: 'manifest' as const, size: c.size })),
    ...(parsed.subject ? [{ digest: parsed.subject.digest, kind: 'subject' as const, size: parsed.subject.size }] : []),
  ];
  // A manifest may list one layer twice (e.g. empty layers); the table keeps one row per (digest, kind).
  const seen = new Set<string>();
  return all.filter((r) => {
    const key = `${r.kind} ${r.digest}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
