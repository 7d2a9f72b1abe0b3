import { and, eq } from 'drizzle-orm';
import { ociManifestReferences, ociManifests } from '../db/schema';
import type { OciContext } from './context';
import { sha256HexOf } from './digests';
import { OciError } from './errors';
import { MediaType } from './manifest-format';
import { listTagPage } from './queries';

// distribution-spec §"Listing Tags" (end-8a, end-8b): GET /v2/<name>/tags/list?n=&last=, with a
// Link header to the next page when more tags follow.
export async function listTags(context: OciContext): Promise<Response> {
  const nParam = context.url.searchParams.get('n');
  const last = context.url.searchParams.get('last') ?? undefined;
  let limit: number | undefined;
  if (nParam !== null && nParam !== '') {
    if (!/^\d+$/.test(nParam))
      throw new OciError(
        'UNSUPPORTED',
        `n must be a non-negative whole number, not [${nParam.slice(0, 20)}]`,
        { n: nParam.slice(0, 20) },
        { status: 400 },
      );
    limit = Math.min(Number(nParam), 10_000);
  }
  const page = await listTagPage(context.db, context.image, { limit, last });
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const lastTag = page.tags.at(-1);
  if (page.more && limit !== undefined && lastTag !== undefined) {
    const next = new URLSearchParams({ n: String(limit), last: lastTag });
    headers.Link = `</v2/${context.image.name}/tags/list?${next}>; rel="next"`;
  }
  return new Response(JSON.stringify({ name: context.image.name, tags: page.tags }), { status: 200, headers });
}

// distribution-spec §"Listing Referrers" (end-12a, end-12b): an image index of the manifests whose
// subject is <digest>, optionally filtered by artifactType.
export async function listReferrers(context: OciContext, digest: string): Promise<Response> {
  sha256HexOf(digest);
  const artifactType = context.url.searchParams.get('artifactType');
  const rows = await context.db
    .select({
      mediaType: ociManifests.mediaType,
      digest: ociManifests.digest,
      size: ociManifests.size,
      artifactType: ociManifests.artifactType,
      annotations: ociManifests.annotations,
    })
    .from(ociManifestReferences)
    .innerJoin(ociManifests, eq(ociManifests.id, ociManifestReferences.manifestId))
    .where(
      and(
        eq(ociManifestReferences.kind, 'subject'),
        eq(ociManifestReferences.digest, digest),
        eq(ociManifests.projectName, context.image.projectName),
        eq(ociManifests.repoName, context.image.repoName),
        eq(ociManifests.image, context.image.image),
      ),
    );
  const manifests = rows
    .filter((r) => !artifactType || r.artifactType === artifactType)
    .map((r) => ({
      mediaType: r.mediaType,
      digest: r.digest,
      size: r.size,
      ...(r.artifactType ? { artifactType: r.artifactType } : {}),
      ...(r.annotations ? { annotations: r.annotations } : {}),
    }));
  const headers: Record<string, string> = { 'Content-Type': MediaType.OCI_INDEX };
  if (artifactType) headers['OCI-Filters-Applied'] = 'artifactType';
  return new Response(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OCI_INDEX, manifests }), { status: 200, headers });
}
