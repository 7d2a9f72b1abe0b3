import { z } from 'zod';
import { OciError } from './errors';

// image-spec media types Ferry stores (distribution-spec §"Pushing Manifests": registries may
// refuse other types). Docker schema 1 is refused: it is signed per registry and long deprecated.
export const MediaType = {
  OCI_MANIFEST: 'application/vnd.oci.image.manifest.v1+json',
  OCI_INDEX: 'application/vnd.oci.image.index.v1+json',
  DOCKER_MANIFEST: 'application/vnd.docker.distribution.manifest.v2+json',
  DOCKER_LIST: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;
const SCHEMA1 = ['application/vnd.docker.distribution.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v1+prettyjws'];
const IMAGE_TYPES: string[] = [MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST];
const INDEX_TYPES: string[] = [MediaType.OCI_INDEX, MediaType.DOCKER_LIST];
// image-spec §"Image Layer Filesystem Changeset": layers with URLs that registries need not hold.
const FOREIGN_LAYER = /(foreign|nondistributable)/;

/** Largest manifest accepted: distribution-spec §"Pushing Manifests" suggests at least 4 MiB. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const descriptorSchema = z.looseObject({
  mediaType: z.string().min(1),
  digest: z.string().regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/, 'is not a digest'),
  size: z.number().int().nonnegative(),
  urls: z.array(z.string()).optional(),
  artifactType: z.string().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: z.looseObject({ os: z.string(), architecture: z.string(), variant: z.string().optional() }).optional(),
});
type Descriptor = z.infer<typeof descriptorSchema>;

const common = {
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  subject: descriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
};
const imageManifestSchema = z.looseObject({ ...common, config: descriptorSchema, layers: z.array(descriptorSchema) });
const imageIndexSchema = z.looseObject({ ...common, manifests: z.array(descriptorSchema) });

export type ParsedManifest = {
  mediaType: string;
  kind: 'image' | 'index';
  /** Blobs that must be in the image repository (config, distributable layers). */
  blobs: Array<{ digest: string; size: number; kind: 'config' | 'layer'; mustExist: boolean }>;
  /** Child manifests of an index, which must be in the image repository. */
  children: Descriptor[];
  subject?: Descriptor;
  artifactType: string | null;
  annotations: Record<string, string> | null;
  /** Config plus layer bytes; for an index, computed from its children by the caller. */
  contentSize: number;
};

function invalid(message: string, detail: unknown = null): OciError {
  return new OciError('MANIFEST_INVALID', message, detail);
}

/** Validates manifest bytes against the Content-Type they were pushed with. */
export function parseManifest(bytes: Buffer, contentType: string | null): ParsedManifest {
  const declared = contentType?.split(';')[0]?.trim().toLowerCase() || null;
  if (declared && SCHEMA1.includes(declared)) {
    throw invalid('Docker schema 1 manifests are not supported; push schema 2 or OCI', { mediaType: declared });
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid('manifest is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('manifest is not a JSON object');
  const body = json as { schemaVersion?: unknown; mediaType?: unknown; manifests?: unknown };
  if (body.schemaVersion === 1) throw invalid('Docker schema 1 manifests are not supported; push schema 2 or OCI', { schemaVersion: 1 });
  const inner = typeof body.mediaType === 'string' ? body.mediaType : null;
  // distribution-spec §"Pushing Manifests": the mediaType field, when set, must match Content-Type.
  if (inner && declared && declared !== 'application/json' && inner !== declared) {
    throw invalid(`Content-Type ${declared} disagrees with the manifest's mediaType ${inner}`, { mediaType: inner });
  }
  const mediaType =
    inner ??
    (declared && declared !== 'application/json' ? declared : null) ??
    (Array.isArray(body.manifests) ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST);
  if (IMAGE_TYPES.includes(mediaType)) return parseImageManifest(json, mediaType);
  if (INDEX_TYPES.includes(mediaType)) return parseImageIndex(json, mediaType);
  throw invalid(`unsupported manifest media type ${mediaType}`, { mediaType });
}

function issueText(error: z.ZodError): { message: string; field: string } {
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join('.') || 'manifest' : 'manifest';
  return { message: `manifest field [${field}] ${issue?.message ?? 'is invalid'}`, field };
}

/** The manifest JSON as the schema reads it, or MANIFEST_INVALID naming the first field that is wrong. */
function parseOrInvalid<T>(schema: z.ZodType<T>, json: unknown): T {
  const result = schema.safeParse(json);
  if (!result.success) {
    const { message, field } = issueText(result.error);
    throw invalid(message, { field });
  }
  return result.data;
}

function parseImageManifest(json: unknown, mediaType: string): ParsedManifest {
  const manifest = parseOrInvalid(imageManifestSchema, json);
  const blobs: ParsedManifest['blobs'] = [
    { digest: manifest.config.digest, size: manifest.config.size, kind: 'config', mustExist: true },
    ...manifest.layers.map((layer) => ({
      digest: layer.digest,
      size: layer.size,
      kind: 'layer' as const,
      mustExist: !(layer.urls?.length && FOREIGN_LAYER.test(layer.mediaType)),
    })),
  ];
  return {
    mediaType,
    kind: 'image',
    blobs,
    children: [],
    subject: manifest.subject,
    artifactType: manifest.artifactType || manifest.config.mediaType,
    annotations: manifest.annotations ?? null,
    contentSize: manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0),
  };
}

function parseImageIndex(json: unknown, mediaType: string): ParsedManifest {
  const index = parseOrInvalid(imageIndexSchema, json);
  return {
    mediaType,
    kind: 'index',
    blobs: [],
    children: index.manifests,
    subject: index.subject,
    artifactType: index.artifactType || null,
    annotations: index.annotations ?? null,
    contentSize: 0,
  };
}
