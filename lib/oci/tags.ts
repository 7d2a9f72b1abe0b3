import type { OciContext } from './context';
import { isDigest, sha256HexOf } from './digests';
import { OciError } from './errors';
import { MediaType } from './manifest-format';
import { listReferrerDescriptors, listTagPage } from './queries';

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

const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

// distribution-spec §"Listing Referrers" (end-12a, end-12b): an image index of the manifests whose
// subject is <digest>, optionally filtered by artifactType (then OCI-Filters-Applied says so). A
// registry with the API never answers 404 for an unknown subject: the list is empty. A well-formed
// digest of another algorithm can name nothing here (Ferry stores sha256 only): empty too; a
// malformed one is 400 DIGEST_INVALID.
export async function listReferrers(context: OciContext, digest: string): Promise<Response> {
  const otherAlgorithm = isDigest(digest) && !digest.startsWith('sha256:');
  if (!otherAlgorithm) sha256HexOf(digest);
  const artifactType = context.url.searchParams.get('artifactType') || null;
  // RFC 6838 §4.2: type "/" subtype, each at most 127 restricted characters (+suffix, parameters none).
  if (artifactType !== null && !MEDIA_TYPE.test(artifactType)) {
    const shown = artifactType.replace(/[^\x20-\x7e]/g, '?').slice(0, 60);
    throw new OciError(
      'UNSUPPORTED',
      `artifactType must be a media type like application/spdx+json, not [${shown}]`,
      { artifactType: shown },
      { status: 400 },
    );
  }
  const manifests = otherAlgorithm ? [] : await listReferrerDescriptors(context.db, context.image, digest, artifactType);
  const headers: Record<string, string> = { 'Content-Type': MediaType.OCI_INDEX };
  if (artifactType) headers['OCI-Filters-Applied'] = 'artifactType';
  return new Response(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OCI_INDEX, manifests }), { status: 200, headers });
}
