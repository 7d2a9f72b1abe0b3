import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Principal } from '../access/principal';
import type { Db } from '../db/client';
import { apiTokens, users } from '../db/schema';
import { clientAddressOf } from '../http/client-address';
import { assertStorableText } from '../http/text-guards';
import { hashApiToken } from './api-tokens';
import { checkPassword } from './check-password';
import { LruMap } from './lru-map';
import { type PasswordThrottle, passwordThrottle } from './password-throttle';
import { findSession, readCookie, SESSION_COOKIE } from './sessions';

export type { Principal } from '../access/principal';

// argon2 costs ~50 ms per check and CI scripts send Basic on every call; remember a verified
// header briefly, keyed by its hash so the cache never holds a password. The user row is still
// read on every call, so a lock or a password change (the hash moves) ends a cached sign-in at once.
const BASIC_CACHE_MS = 60_000;
const cacheHolder = globalThis as typeof globalThis & {
  __ferryBasicCache?: LruMap<string, { userId: string; passwordHash: string; until: number }>;
};
const basicCache = () => (cacheHolder.__ferryBasicCache ??= new LruMap(1000));

/** Where the credentials come from (the throttle counts per username + address), and when. */
export type AuthenticationOptions = { address: string; now?: number; throttle?: PasswordThrottle };

/**
 * The caller named by an Authorization header, or null. Passwords go through the throttle
 * (which throws 250120 while it holds the username + address back); tokens do not.
 */
export async function authenticate(db: Db, authorization: string | null, options: AuthenticationOptions): Promise<Principal | null> {
  if (!authorization) return null;
  const [scheme, credentials] = authorization.trim().split(/\s+/, 2);
  if (!scheme || !credentials) return null;
  const now = options.now ?? Date.now();
  if (scheme.toLowerCase() === 'bearer') return authenticateToken(db, credentials, now);
  if (scheme.toLowerCase() === 'basic') {
    return authenticateBasic(db, credentials, { address: options.address, now, throttle: options.throttle ?? passwordThrottle() });
  }
  return null;
}

export type RequestAuthentication = { principal: Principal; csrfToken: string | null };

/**
 * An Authorization header wins (API callers); otherwise the admin UI's session cookie. A cookie
 * session carries the csrf token its changes must repeat in X-CSRF-Token.
 */
export async function authenticateRequest(db: Db, request: Request, now = Date.now()): Promise<RequestAuthentication | null> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const principal = await authenticate(db, authorization, { address: clientAddressOf(request), now });
    return principal ? { principal, csrfToken: null } : null;
  }
  const secret = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (!secret) return null;
  const session = await findSession(db, secret, new Date(now));
  return session ? { principal: session.principal, csrfToken: session.csrfToken } : null;
}

async function authenticateBasic(
  db: Db,
  credentials: string,
  options: { address: string; now: number; throttle: PasswordThrottle },
): Promise<Principal | null> {
  const { now } = options;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  assertStorableText(username, 'Authorization');
  // Registry clients send Basic with an API token as the password; a token is checked first (no
  // argon2, no throttle), so a throttled username + address still works with its tokens.
  if (password.startsWith('ferry_')) {
    const byToken = await authenticateToken(db, password, now);
    if (byToken) return byToken;
  }
  // The cache spares argon2 only: the throttle is asked first even then, or a throttled guesser
  // could still try passwords while the right one is cached.
  const cacheKey = createHash('sha256').update(credentials).digest('hex');
  const cached = basicCache().get(cacheKey);
  const remembered = cached && cached.until > now ? cached : undefined;
  // checkPassword refuses locked users and re-runs argon2 when the stored hash moved (password changed).
  const user = await checkPassword(db, { username, password, ...options, remembered });
  if (!user) return null;
  // Remembered from the argon2 check only, so the entry expires a minute after it, however often it is used.
  if (!remembered) basicCache().set(cacheKey, { userId: user.id, passwordHash: user.passwordHash, until: now + BASIC_CACHE_MS });
  return userPrincipal(user, 'password');
}

async function authenticateToken(db: Db, token: string, now: number): Promise<Principal | null> {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      tokenName: apiTokens.name,
      projectName: apiTokens.projectName,
      access: apiTokens.access,
      userId: users.id,
      username: users.username,
      admin: users.admin,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashApiToken(token)),
        eq(users.locked, false),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date(now))),
      ),
    )
    .limit(1);
  if (!row) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date(now) })
    .where(eq(apiTokens.id, row.tokenId));
  return {
    userId: row.userId,
    username: row.username,
    via: 'token',
    admin: row.admin,
    token: { id: row.tokenId, name: row.tokenName, projectName: row.projectName, access: row.access },
  };
}

function userPrincipal(user: { id: string; username: string; admin: boolean }, via: 'password' | 'session'): Principal {
  return { userId: user.id, username: user.username, via, admin: user.admin, token: null };
}

/** Forget cached Basic verifications, e.g. after a password change. */
export function clearAuthenticationCache(): void {
  basicCache().clear();
}
