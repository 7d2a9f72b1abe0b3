// Tags that name artifacts referring to another manifest rather than versions of their own.
// distribution-spec §"Referrers Tag Schema": `<alg>-<ref>` holds the fallback referrers index;
// cosign's tag scheme puts signatures, attestations and SBOMs at `sha256-<hex>.sig|.att|.sbom`.
const COSIGN_TAG = /^sha256-([0-9a-f]{64})\.(sig|att|sbom)$/;
const FALLBACK_TAG = /^sha256-([0-9a-f]{64})$/;

export type CosignKind = 'sig' | 'att' | 'sbom';

/** The subject digest and kind of a cosign-scheme tag, or null for any other tag. */
export function cosignTagSubject(tag: string): { subjectDigest: string; kind: CosignKind } | null {
  const match = COSIGN_TAG.exec(tag);
  return match?.[1] ? { subjectDigest: `sha256:${match[1]}`, kind: match[2] as CosignKind } : null;
}

/** Whether a tag is a referrers fallback tag (an index of a subject's referrers, kept by whoever pushes them). */
export function isFallbackTag(tag: string): boolean {
  return FALLBACK_TAG.test(tag);
}

/** Whether a tag is a cosign-scheme tag or a referrers fallback tag: it travels with its subject, not alone. */
export function isReferrerTag(tag: string): boolean {
  return COSIGN_TAG.test(tag) || FALLBACK_TAG.test(tag);
}

/** distribution-spec §"Referrers Tag Schema": the tag of a subject's fallback referrers index. */
export function fallbackTagOf(subjectDigest: string): string {
  return subjectDigest.replace(':', '-').slice(0, 128);
}

/** The cosign tags a subject's signature, attestation and SBOM would have. */
export function cosignTagsOf(subjectDigest: string): string[] {
  const base = fallbackTagOf(subjectDigest);
  return [`${base}.sig`, `${base}.att`, `${base}.sbom`];
}

/** What a referrer is, for people: from its artifactType (cosign, notation, in-toto, SPDX, CycloneDX names). */
export function referrerKind(artifactType: string | null): 'Signature' | 'Attestation' | 'SBOM' | 'Artifact' {
  const type = (artifactType ?? '').toLowerCase();
  if (/sbom|spdx|cyclonedx|syft/.test(type)) return 'SBOM';
  if (/in-toto|attestation|\.att\.|dsse|provenance/.test(type)) return 'Attestation';
  if (/sig|notary|notation|signature/.test(type)) return 'Signature';
  return 'Artifact';
}
