import { httpRequest } from '../remote/http-request';
import { readLimitedJson } from '../remote/read-limited';

export type RegistryCredentials = { username?: string | null; password?: string | null };

type Challenge = { scheme: 'basic' } | { scheme: 'bearer'; realm: string; service?: string; scope?: string } | { scheme: 'none' };

/** Parses a WWW-Authenticate header (distribution spec "Token Authentication Specification"). */
function parseChallenge(header: string | null): Challenge {
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
 * Whether the registry's credentials may go to a token realm: over https anywhere (the realm is
 * named by the registry the admin chose, and TLS keeps the secret off the wire), over plain http
 * only on the registry's own host. Elsewhere the token is asked for anonymously.
 */
function realmMayReceiveCredentials(realm: URL, registry: URL): boolean {
  return realm.protocol === 'https:' || realm.hostname === registry.hostname;
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
    /** The registry's own URL: credentials are judged against its host. */
    private readonly registry: URL,
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
    const url = URL.canParse(challenge.realm) ? new URL(challenge.realm) : undefined;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new RegistryAuthError(0, this.registry.host, `its token realm '${challenge.realm.slice(0, 200)}' is not an http(s) URL`);
    }
    if (challenge.service) url.searchParams.set('service', challenge.service);
    for (const each of scopes) url.searchParams.append('scope', each);
    const auth = realmMayReceiveCredentials(url, this.registry) ? basic(this.credentials) : undefined;
    const response = await httpRequest(url.toString(), { headers: auth ? { Authorization: auth } : {}, certificate: this.certificate });
    if (response.status !== 200) {
      await response.body.dump();
      throw new RegistryAuthError(response.status, url.host);
    }
    const body = (await readLimitedJson(response.body, `token service ${url.host}`)) as {
      token?: string;
      access_token?: string;
      expires_in?: number;
    };
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

class RegistryAuthError extends Error {
  constructor(
    readonly status: number,
    readonly host: string,
    problem?: string,
  ) {
    super(problem ? `registry ${host}: ${problem}` : `${status} from token service ${host}: check the username/password`);
  }
}
