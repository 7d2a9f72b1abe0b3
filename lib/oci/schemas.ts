import { z } from 'zod';
import { pageQueryFields } from '../paging/page';
import { imageOfPackageKey, isPackageKey } from './package-key';

/** bk-repo's package key for images: docker://{image}; parsed to the image name. */
const packageKeySchema = z.string({ error: 'is missing' }).refine(isPackageKey, 'must be docker://{image}').transform(imageOfPackageKey);

export const packagePageQuerySchema = z.object({
  ...pageQueryFields,
  packageName: z.string().max(255).optional(),
});

export type PackagePageQuery = z.output<typeof packagePageQuerySchema>;

export const packageQuerySchema = z.object({ packageKey: packageKeySchema });

export const versionPageQuerySchema = z.object({
  packageKey: packageKeySchema,
  ...pageQueryFields,
  version: z.string().max(128).optional(),
});

/** The page and filter of an image's tags (the image itself is named apart, in an ImageRef). */
export type VersionPageQuery = Omit<z.output<typeof versionPageQuerySchema>, 'packageKey'>;

export const versionQuerySchema = z.object({ packageKey: packageKeySchema, version: z.string({ error: 'is missing' }).min(1) });

/** bk-repo PackageSummary, for DOCKER repositories. */
export type PackageSummary = {
  projectId: string;
  repoName: string;
  name: string;
  key: string;
  type: 'DOCKER';
  latest: string;
  versions: number;
  downloads: number;
  description: string | null;
  versionTag: Record<string, string>;
  extension: Record<string, unknown>;
  historyVersion: string[];
  createdBy: string;
  createdDate: string | null;
  lastModifiedBy: string;
  lastModifiedDate: string | null;
};

export type Platform = { os: string | null; architecture: string | null; variant: string | null; digest: string };

/** bk-repo PackageVersion, plus what an image version is: its manifest digest, type and platforms. */
export type PackageVersion = {
  name: string;
  size: number;
  digest: string;
  mediaType: string;
  platforms: Platform[];
  downloads: number;
  stageTag: string[];
  tags: string[];
  metadata: Record<string, string>;
  extension: Record<string, unknown>;
  createdBy: string;
  createdDate: string | null;
  lastModifiedBy: string;
  lastModifiedDate: string | null;
};

export type PackageVersionDetail = PackageVersion & {
  packageKey: string;
  /** What the manifest refers to: config, layers, or child manifests of an index. */
  references: Array<{ digest: string; kind: string; size: number }>;
};
