// Route parameters typed from the route's own path template, so a handler can only read the
// parameters its folder declares (`/repo/list/[projectId]` → `params.projectId`).

type Segments<Path extends string> = Path extends `${infer Head}/${infer Tail}` ? Head | Segments<Tail> : Path;

type ParamName<Segment> = Segment extends `[[...${infer Name}]]`
  ? Name
  : Segment extends `[...${infer Name}]`
    ? Name
    : Segment extends `[${infer Name}]`
      ? Name
      : never;

export type RouteParamsOf<Path extends string> = { [Name in ParamName<Segments<Path>>]: string };

/** What Next.js passes: one string per segment, an array for catch-alls (joined back with '/'). */
export type NextRouteParams = Record<string, string | string[] | undefined>;

export function flattenParams(params: NextRouteParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join('/') : value;
  }
  return out;
}
