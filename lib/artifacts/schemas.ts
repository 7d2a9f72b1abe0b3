import { z } from 'zod';
import { type Page, pageQueryFields } from '../paging/page';

/** bk-repo's NodeInfo as the node API and uploads return it; folders have size 0 and no digests. */
const nodeInfoSchema = z.object({
  projectId: z.string(),
  repoName: z.string(),
  /** The parent folder with a trailing slash ("/a/b/"), "/" at the root: bk-repo's NodeInfo.path. */
  path: z.string(),
  name: z.string(),
  fullPath: z.string(),
  folder: z.boolean(),
  size: z.number(),
  sha256: z.string().nullable(),
  md5: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  createdBy: z.string(),
  createdDate: z.string().nullable(),
  lastModifiedBy: z.string(),
  lastModifiedDate: z.string().nullable(),
});
export type NodeInfo = z.infer<typeof nodeInfoSchema>;

const nodeSortProperties = ['name', 'size', 'lastModifiedDate'] as const;
export type NodeSortProperty = (typeof nodeSortProperties)[number];

const booleanText = z.enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False']).transform((v) => v.toLowerCase() === 'true');

/** Query of GET /repository/api/node/page/…: bk-repo's names and defaults (page 1, 20 per page, folders included). */
export const nodePageQuerySchema = z.object({
  ...pageQueryFields,
  sortProperty: z.enum(nodeSortProperties).default('name'),
  direction: z
    .enum(['ASC', 'DESC', 'asc', 'desc'])
    .transform((v) => v.toUpperCase() as 'ASC' | 'DESC')
    .default('ASC'),
  includeFolder: booleanText.default(true),
});
export type NodePageQuery = z.output<typeof nodePageQuerySchema>;

export type NodePage = Page<NodeInfo>;

/** Query of GET /generic/…: `download=true` asks for Content-Disposition: attachment. */
export const downloadQuerySchema = nodePageQuerySchema.extend({ download: booleanText.default(false) });
