import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Principal } from '../access/principal';
import type { Db } from '../db/client';
import { apiTokens, users } from '../db/schema';
import { assertStorableText } from '../http/text-guards';
import { hashApiToken } from './api-tokens';
import { verifyPassword } from './passwords';
import { findSession, readCookie, SESSION_COOKIE } from './sessions';

export type { Principal, TokenScope } from '../access/principal';

// argon2 costs ~50 ms per check and CI scripts send Basic on every call; remember a verified
// header briefly, keyed by its hash so the cache never holds a password. The user row is still
// read on every call, so a lock or a password change (the hash moves) ends a cached sign-in at once.
const BASIC_CACHE_MS = 60_000;
const basicCache = new Map<string, { userId: string; passwordHash: string; until: number }>();

export async function authenticate(db: Db, authorization: string | null, now = Date.now()): Promise<Principal | null> {
  if (!authorization) return null;
  const [scheme, credentials] = authorization.trim().split(/\s+/, 2);
  if (!scheme || !credentials) return null;
  if (scheme.toLowerCase() === 'bearer') return authenticateToken(db, credentials, now);
  if (scheme.toLowerCase() === 'basic') return authenticateBasic(db, credentials, now);
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
    const principal = await authenticate(db, authorization, now);
    return principal ? { principal, csrfToken: null } : null;
  }
  const secret = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (!secret) return null;
  const session = await findSession(db, secret, new Date(now));
  return session ? { principal: session.principal, csrfToken: session.csrfToken } : null;
}

async function authenticateBasic(db: Db, credentials: string, now: number): Promise<Principal | null> {
  const cacheKey = createHash('sha256').update(credentials).digest('hex');
  const cached = basicCache.get(cacheKey);
  if (cached && cached.until > now) {
    const [user] = await db.select().from(users).where(eq(users.id, cached.userId)).limit(1);
    if (user && !user.locked && user.passwordHash === cached.passwordHash) return userPrincipal(user, 'password');
    basicCache.delete(cacheKey);
  }
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  assertStorableText(username, 'Authorization');
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  if (user && (await verifyPassword(user.passwordHash, password))) {
    if (user.locked) return null;
    if (basicCache.size > 1000) basicCache.clear();
    basicCache.set(cacheKey, { userId: user.id, passwordHash: user.passwordHash, until: now + BASIC_CACHE_MS });
    return userPrincipal(user, 'password');
  }
  // Registry clients send Basic with an API token as the password; accept that too.
  if (password.startsWith('ferry_')) return authenticateToken(db, password, now);
  return null;
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

export function userPrincipal(user: { id: string; username: string; admin: boolean }, via: 'password' | 'session'): Principal {
  return { userId: user.id, username: user.username, via, admin: user.admin, token: null };
}

/** Forget cached Basic verifications, e.g. after a password change. */
export function clearAuthenticationCache(): void {
  basicCache.clear();
}
