import { describe, expect, it } from 'vitest';
import { cosignTagSubject, cosignTagsOf, fallbackTagOf, isReferrerTag, referrerKind } from './referrer-tags';

const hex = 'a'.repeat(64);

describe('referrer tags', () => {
  it('reads the subject and kind of a cosign-scheme tag, and nothing from other tags', () => {
    expect(cosignTagSubject(`sha256-${hex}.sig`)).toEqual({ subjectDigest: `sha256:${hex}`, kind: 'sig' });
    expect(cosignTagSubject(`sha256-${hex}.sbom`)).toEqual({ subjectDigest: `sha256:${hex}`, kind: 'sbom' });
    expect(cosignTagSubject(`sha256-${hex}`)).toBeNull();
    expect(cosignTagSubject(`sha256-${hex}.sig2`)).toBeNull();
    expect(cosignTagSubject(`sha256-${hex.slice(1)}.sig`)).toBeNull();
    expect(cosignTagSubject('1.0')).toBeNull();
  });

  it('names the fallback tag by the referrers tag schema, and knows referrer tags from versions', () => {
    expect(fallbackTagOf(`sha256:${hex}`)).toBe(`sha256-${hex}`);
    expect(cosignTagsOf(`sha256:${hex}`)).toEqual([`sha256-${hex}.sig`, `sha256-${hex}.att`, `sha256-${hex}.sbom`]);
    expect(isReferrerTag(`sha256-${hex}`)).toBe(true);
    expect(isReferrerTag(`sha256-${hex}.att`)).toBe(true);
    expect(isReferrerTag('sha256-latest')).toBe(false);
    expect(isReferrerTag('v1')).toBe(false);
  });

  it('tells signatures, attestations and SBOMs apart by artifactType', () => {
    expect(referrerKind('application/vnd.dev.cosign.artifact.sig.v1+json')).toBe('Signature');
    expect(referrerKind('application/vnd.cncf.notary.signature')).toBe('Signature');
    expect(referrerKind('application/vnd.dev.cosign.artifact.att.v1+json')).toBe('Attestation');
    expect(referrerKind('application/vnd.in-toto+json')).toBe('Attestation');
    expect(referrerKind('application/spdx+json')).toBe('SBOM');
    expect(referrerKind('application/vnd.cyclonedx+json')).toBe('SBOM');
    expect(referrerKind('application/vnd.dev.cosign.artifact.sbom.v1+json')).toBe('SBOM');
    expect(referrerKind('application/vnd.example.thing')).toBe('Artifact');
    expect(referrerKind(null)).toBe('Artifact');
  });
});
