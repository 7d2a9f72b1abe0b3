import { describe, expect, it } from 'vitest';
import { parseByteRange } from './blobs';
import { OciError } from './errors';
import { parseManifest } from './manifest-format';
import { ociRouteTemplate, parseImageName, routeOciPath } from './names';
import { parseContentRange } from './uploads';

describe('routeOciPath', () => {
  it('routes each endpoint, keeping slashes in image names', () => {
    expect(routeOciPath('')).toEqual({ kind: 'base' });
    expect(routeOciPath('p/r/a/b/manifests/v1')).toEqual({ kind: 'manifest', name: 'p/r/a/b', reference: 'v1' });
    expect(routeOciPath('p/r/a/blobs/uploads/')).toEqual({ kind: 'uploads', name: 'p/r/a' });
    expect(routeOciPath('p/r/a/blobs/uploads/123')).toEqual({ kind: 'upload', name: 'p/r/a', uploadId: '123' });
    expect(routeOciPath('p/r/a/blobs/sha256:ab')).toEqual({ kind: 'blob', name: 'p/r/a', digest: 'sha256:ab' });
    expect(routeOciPath('p/r/a/tags/list')).toEqual({ kind: 'tags', name: 'p/r/a' });
    expect(routeOciPath('p/r/a/referrers/sha256:ab')).toEqual({ kind: 'referrers', name: 'p/r/a', digest: 'sha256:ab' });
  });

  it('lets an image be named like an endpoint segment', () => {
    expect(routeOciPath('p/r/blobs/manifests/v1')).toEqual({ kind: 'manifest', name: 'p/r/blobs', reference: 'v1' });
  });

  it('returns null for paths that are no endpoint', () => {
    expect(routeOciPath('p/r/a/whatever')).toBeNull();
  });
});

describe('parseImageName', () => {
  it('splits project, repository and a multi-segment image', () => {
    expect(parseImageName('proj/repo/team/app')).toEqual({
      name: 'proj/repo/team/app',
      projectName: 'proj',
      repoName: 'repo',
      image: 'team/app',
    });
  });

  it.each(['proj/repo', 'proj/repo/App', 'proj/repo/..', 'proj//app', 'proj/repo/a%2f', `proj/repo/${'a'.repeat(250)}`])(
    'rejects %s',
    (name) => {
      expect(() => parseImageName(name)).toThrow(OciError);
    },
  );
});

describe('ranges', () => {
  it('parses single byte ranges and flags unsatisfiable ones', () => {
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-1,5-6', 100)).toBeNull();
  });

  it('reads Content-Range as the spec writes it', () => {
    expect(parseContentRange('0-999')).toEqual({ start: 0, end: 999 });
    expect(parseContentRange('bytes 10-19/*')).toEqual({ start: 10, end: 19 });
    expect(parseContentRange(null)).toBeNull();
    expect(() => parseContentRange('9-1')).toThrow(OciError);
    expect(() => parseContentRange('abc')).toThrow(OciError);
  });
});

describe('parseManifest', () => {
  const descriptor = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${'a'.repeat(64)}`, size: 5 };
  const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'b'.repeat(64)}`, size: 3 };

  it('sums config and layers and lists them as references', () => {
    const parsed = parseManifest(
      Buffer.from(JSON.stringify({ schemaVersion: 2, config, layers: [descriptor, descriptor] })),
      'application/vnd.oci.image.manifest.v1+json',
    );
    expect(parsed.kind).toBe('image');
    expect(parsed.contentSize).toBe(13);
    expect(parsed.blobs.map((b) => b.kind)).toEqual(['config', 'layer', 'layer']);
  });

  it('does not require foreign layers with URLs to be pushed', () => {
    const foreign = {
      ...descriptor,
      mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
      urls: ['https://example.com/l'],
    };
    const parsed = parseManifest(
      Buffer.from(
        JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config, layers: [foreign] }),
      ),
      'application/vnd.docker.distribution.manifest.v2+json',
    );
    expect(parsed.blobs.find((b) => b.kind === 'layer')?.mustExist).toBe(false);
  });

  it('infers an index from its manifests array when no media type is given', () => {
    expect(parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [] })), null).mediaType).toBe(
      'application/vnd.oci.image.index.v1+json',
    );
  });

  it('rejects schema 1 and unknown media types', () => {
    expect(() => parseManifest(Buffer.from('{"schemaVersion":1}'), 'application/json')).toThrow(/schema 1/);
    expect(() => parseManifest(Buffer.from('{"schemaVersion":2}'), 'application/vnd.example+json')).toThrow(/unsupported/);
  });
});

describe('ociRouteTemplate', () => {
  it.each([
    ['', '/v2/'],
    ['proj/repo/app/manifests/1.0', '/v2/{name}/manifests/{reference}'],
    [`proj/repo/app/blobs/sha256:${'a'.repeat(64)}`, '/v2/{name}/blobs/{digest}'],
    ['proj/repo/app/blobs/uploads/', '/v2/{name}/blobs/uploads/'],
    ['proj/repo/app/blobs/uploads/3f2c', '/v2/{name}/blobs/uploads/{uuid}'],
    ['proj/repo/app/tags/list', '/v2/{name}/tags/list'],
    ['proj/repo/app/referrers/sha256:00', '/v2/{name}/referrers/{digest}'],
    ['proj/../../etc/passwd', '/v2/(unmatched)'],
  ])('labels /v2/%s as %s', (rest, template) => {
    expect(ociRouteTemplate(routeOciPath(rest))).toBe(template);
  });
});
