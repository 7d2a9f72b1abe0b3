// Who calls, and what the contract (/work/teams-contract.md, "Refusals" and "Tokens") says each
// caller gets on a route that needs a given right.

type ProjectRole = 'VIEWER' | 'MAINTAINER' | 'PROJECT_ADMIN';
type TokenAccess = 'READ' | 'WRITE';

/** The least a route needs. ANY = any signed-in caller; roles are on the fixture project. */
export type Right = 'ANY' | ProjectRole | 'ADMIN';

/**
 * Routes whose rights the Tokens rules narrow further:
 * - `members`: managing members, which a token may do only when its owner is an administrator
 *   and the token is unscoped WRITE (contract: "A token never manages users, members or clusters…");
 * - `password`: changing one's own password, for users only, not token callers.
 */
export type RowKind = 'members' | 'password';

/**
 * A token-creating route: a token caller must not mint a token wider than itself (unscoped from a
 * scoped one, WRITE from a READ one), or a CI token that only pulls could give itself push
 * (issue 10). The contract's "token/*: any signed-in user" leaves this open.
 */
export type Mint = { scoped: boolean; access: TokenAccess };

export type Caller = {
  /** Names the caller in test titles and in what its rows create. Letters and digits only. */
  id: string;
  /** The login name whose rights apply (the owner for tokens); null = anonymous. */
  user: string | null;
  admin: boolean;
  /** The user's role on the fixture project, null when not a member. */
  role: ProjectRole | null;
  token?: { name: string; project: 'own' | 'other' | null; access: TokenAccess };
};

export type Outcome = { kind: 'allowed' } | { kind: 'anonymous' } | { kind: 'hidden' } | { kind: 'denied'; message: string | RegExp };

const RANK: Record<ProjectRole, number> = { VIEWER: 1, MAINTAINER: 2, PROJECT_ADMIN: 3 };

const roleMessage = (user: string, role: ProjectRole, needed: ProjectRole, projectId: string) =>
  `user [${user}] is ${role} on project [${projectId}]; ${needed} is needed`;
const adminMessage = (user: string) => `user [${user}] is not an administrator`;
const readTokenMessage = (token: string) => `token [${token}] is READ; WRITE is needed`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The contract fixes no wording beyond naming the token for these refusals. */
const tokenRefusal = (token: string) => new RegExp(`^token \\[${escapeRegExp(token)}\\] `);

/** The expected outcome of `caller` on a route needing `min`, addressing the fixture project or not. */
export function expectedOutcome(
  caller: Caller,
  row: { min: Right; project?: boolean; kind?: RowKind; mints?: Mint },
  projectId: string,
): Outcome {
  const { user, token } = caller;
  if (!user) return { kind: 'anonymous' };
  if (row.project && token?.project === 'other') return { kind: 'hidden' };
  if (row.project && !caller.admin && !caller.role) return { kind: 'hidden' };
  // The token rule for members is absolute, so it answers before the owner's role is weighed.
  if (token && row.kind === 'members' && !(caller.admin && !token.project && token.access === 'WRITE')) {
    return { kind: 'denied', message: tokenRefusal(token.name) };
  }
  if (token && row.kind === 'password') return { kind: 'denied', message: tokenRefusal(token.name) };
  if (token && row.mints && ((token.project && !row.mints.scoped) || (token.access === 'READ' && row.mints.access === 'WRITE'))) {
    return { kind: 'denied', message: tokenRefusal(token.name) };
  }
  if (row.min === 'ANY') return { kind: 'allowed' };
  if (row.min === 'ADMIN') {
    if (!caller.admin) return { kind: 'denied', message: adminMessage(user) };
    if (token && (token.project || token.access === 'READ')) return { kind: 'denied', message: tokenRefusal(token.name) };
    return { kind: 'allowed' };
  }
  if (!caller.admin && caller.role && RANK[caller.role] < RANK[row.min]) {
    return { kind: 'denied', message: roleMessage(user, caller.role, row.min, projectId) };
  }
  if (token?.access === 'READ' && row.min !== 'VIEWER') return { kind: 'denied', message: readTokenMessage(token.name) };
  return { kind: 'allowed' };
}

/** Least to most privileged, so refusals run before the callers whose rows change things. */
export const callers: Caller[] = [
  { id: 'anonymous', user: null, admin: false, role: null },
  { id: 'outsider', user: 'outsider', admin: false, role: null },
  { id: 'tokother', user: 'admin2', admin: true, role: null, token: { name: 'tokother', project: 'other', access: 'WRITE' } },
  { id: 'viewer', user: 'viewer', admin: false, role: 'VIEWER' },
  { id: 'tokviewer', user: 'viewer', admin: false, role: 'VIEWER', token: { name: 'tokviewer', project: null, access: 'WRITE' } },
  { id: 'tokread', user: 'padmin', admin: false, role: 'PROJECT_ADMIN', token: { name: 'tokread', project: 'own', access: 'READ' } },
  { id: 'tokmread', user: 'maintainer', admin: false, role: 'MAINTAINER', token: { name: 'tokmread', project: null, access: 'READ' } },
  { id: 'maintainer', user: 'maintainer', admin: false, role: 'MAINTAINER' },
  { id: 'tokwrite', user: 'maintainer', admin: false, role: 'MAINTAINER', token: { name: 'tokwrite', project: 'own', access: 'WRITE' } },
  { id: 'padmin', user: 'padmin', admin: false, role: 'PROJECT_ADMIN' },
  { id: 'tokpadmin', user: 'padmin', admin: false, role: 'PROJECT_ADMIN', token: { name: 'tokpadmin', project: 'own', access: 'WRITE' } },
  { id: 'admin2', user: 'admin2', admin: true, role: null },
  { id: 'tokadmin', user: 'admin2', admin: true, role: null, token: { name: 'tokadmin', project: null, access: 'WRITE' } },
];

export const PASSWORDS: Record<string, string> = {
  viewer: 'viewer-password-1',
  maintainer: 'maintainer-password-1',
  padmin: 'padmin-password-1',
  outsider: 'outsider-password-1',
  admin2: 'admin2-password-1',
  extra: 'extra-password-1',
  extra2: 'extra2-password-1',
};
