import { z } from 'zod';

/** bk-repo's project name rule; the name is the projectId every other API uses. */
const PROJECT_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{1,99}$/;
const REPO_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{1,63}$/;
/** OCI distribution-spec path component: DOCKER repositories appear in /v2/{project}/{repo}/… */
export const OCI_PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

const optionalText = z
  .string()
  .max(1000)
  .nullish()
  .transform((v) => v ?? '');

export const createProjectSchema = z.object({
  name: z.string().regex(PROJECT_NAME, 'must start with a letter or _, then 1-99 letters, digits, _ or -'),
  displayName: z
    .string()
    .max(100)
    .nullish()
    .transform((v) => v ?? undefined),
  description: optionalText,
});
export type CreateProjectInput = z.input<typeof createProjectSchema>;

const repositoryTypes = ['GENERIC', 'DOCKER'] as const;

export const createRepositorySchema = z.object({
  projectId: z.string().min(1),
  name: z.string().regex(REPO_NAME, 'must start with a letter or _, then 1-63 letters, digits, _ or -'),
  type: z.enum(repositoryTypes),
  category: z
    .enum(['LOCAL'])
    .nullish()
    .transform((v) => v ?? 'LOCAL'),
  public: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  description: optionalText,
});
export type CreateRepositoryInput = z.input<typeof createRepositorySchema>;

export type ProjectInfo = {
  name: string;
  displayName: string;
  description: string;
  createdBy: string;
  createdDate: string | null;
  lastModifiedBy: string;
  lastModifiedDate: string | null;
};

export type RepositoryInfo = {
  projectId: string;
  name: string;
  type: (typeof repositoryTypes)[number];
  category: 'LOCAL';
  public: boolean;
  description: string;
  createdBy: string;
  createdDate: string | null;
  lastModifiedBy: string;
  lastModifiedDate: string | null;
};
