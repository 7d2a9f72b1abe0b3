import { httpRequest } from '../remote/http-request';

export type RegistryCredentials = { username?: string | null; password?: string | null };

type Challenge = { scheme: 'basic' } | { scheme: 'bearer'; realm: string; service?: string; scope?: string } | { scheme: 'none' };

/** Parses a WWW-Authenticate header (distribution spec "Token Authentication Specification"). */
export function parseChallenge(header: string | null): Challenge {
  if (!header) return { scheme: 'none' };
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const params: Record<string, string> = {};
  for (const match of rest.join(' ').matchAll(/(\w+)="([^"]*)"/g)) {
    if (match[1] && match[2] !== undefined) params[match[1].toLowerCase()] = match[2];
  }
  if (scheme?.toLowerCase() === 'basic') return { scheme: 'basic' };
  if (scheme?.toLowerCase() === 'bearer' && params.realm) {
    return { scheme: 'bearer', realm: params.realm, service: params.service, scope: params.scope };
  }
  return { scheme: 'none' };
}

function basic(credentials: RegistryCredentials): string | undefined {
  if (!credentials.username) return undefined;
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ''}`).toString('base64')}`;
}

/**
 * Answers registry challenges: Basic credentials, or Bearer tokens fetched from the realm with
 * Basic credentials and cached per scope (the token response carries `token` or `access_token`).
 */
export class RegistryAuthenticator {
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, { value: string; until: number }>();

  constructor(
    private readonly credentials: RegistryCredentials,
    private readonly certificate: string | null | undefined,
  ) {}

  /** Learns the scheme from a 401's WWW-Authenticate header. */
  learn(header: string | null): void {
    this.challenge = parseChallenge(header);
  }

  get knowsScheme(): boolean {
    return this.challenge !== undefined;
  }

  async authorization(scopes: string[]): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge || challenge.scheme === 'none') return undefined;
    if (challenge.scheme === 'basic') return basic(this.credentials);
    const scope = scopes.join(' ');
    const cached = this.tokens.get(scope);
    if (cached && cached.until > Date.now()) return `Bearer ${cached.value}`;
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    for (const each of scopes) url.searchParams.append('scope', each);
    const auth = basic(this.credentials);
    const response = await httpRequest(url.toString(), { headers: auth ? { Authorization: auth } : {}, certificate: this.certificate });
    if (response.status !== 200) {
      await response.body.dump();
      throw new RegistryAuthError(response.status, url.host);
    }
    const body = (await response.body.json()) as { token?: string; access_token?: string; expires_in?: number };
    const value = body.token ?? body.access_token;
    if (!value) throw new RegistryAuthError(response.status, url.host);
    // Renew a little early; the spec's default lifetime is 60 s.
    this.tokens.set(scope, { value, until: Date.now() + Math.max(10, (body.expires_in ?? 60) - 10) * 1000 });
    return `Bearer ${value}`;
  }

  forget(scopes: string[]): void {
    this.tokens.delete(scopes.join(' '));
  }
}

export class RegistryAuthError extends Error {
  constructor(
    readonly status: number,
    readonly host: string,
  ) {
    super(`${status} from token service ${host}: check the username/password`);
  }
}
