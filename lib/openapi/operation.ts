import type { z } from 'zod';
import type { ErrorCodeValue } from '../http/error-codes';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * Who may call, as the route's access rule says (lib/access/rules.ts):
 * `none` no credentials at all; `anonymous` also without credentials (public repositories, sign-in);
 * the others need credentials, then a role.
 */
export type Access = 'none' | 'anonymous' | 'signedIn' | 'admin' | 'VIEWER' | 'MAINTAINER' | 'PROJECT_ADMIN';

/** A piece of OpenAPI written by hand, for what no zod schema describes (binary bodies, headers). */
export type OpenApiObject = Record<string, unknown>;

/**
 * One method of one route file. `route` is the folder under app/ as Next.js spells it; `path` is
 * the OpenAPI template, needed only where they differ (catch-alls such as /v2/[[...path]]).
 * `body` and `query` are the very zod schemas the route hands to apiRoute.
 */
export type Operation = {
  route: string;
  method: HttpMethod;
  path?: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  /** Array fields of `body` whose items the operation parses itself, with the schema it uses. */
  bodyItems?: Record<string, z.ZodType>;
  query?: z.ZodType;
  /** What `data` holds on success (bk-repo envelope routes). */
  data?: string;
  /** Codes the operation itself may answer, beside those the wrapper adds for auth and input. */
  errors?: ErrorCodeValue[];
  /** Writes an audit row (OK, DENIED or FAILED). */
  audited?: boolean;
  /** Routes that do not answer the envelope (OCI, files, health): their responses as written. */
  responses?: Record<string, OpenApiObject>;
  requestBody?: OpenApiObject;
  /** Extra parameters (headers) beside the path and query ones. */
  parameters?: OpenApiObject[];
};
