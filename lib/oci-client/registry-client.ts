import { Readable } from 'node:stream';
import { type HttpRequestOptions, type HttpResponse, httpRequest } from '../remote/http-request';
import { readLimitedText } from '../remote/read-limited';
import { RegistryAuthenticator, type RegistryCredentials } from './auth';
import { RegistryError, registryHttpError } from './errors';

/** A tags/list page of 1000 tags of up to 128 characters (spec limit) fits. */
const TAG_PAGE_BYTES = 1024 * 1024;

const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/** Where a registry answers: parsed once, from a config's registry address or a cluster's URL. */
export type RegistryEndpoint = {
  scheme: 'http' | 'https';
  /** host[:port] as written, for URLs and messages. */
  host: string;
};

export type RegistryClientOptions = {
  endpoint: RegistryEndpoint;
  credentials: RegistryCredentials;
  certificate?: string | null;
  signal?: AbortSignal;
};

type SendOptions = {
  repo: string;
  action: string;
  headers?: Record<string, string>;
  /** A factory, so a request can be re-sent after a token refresh. */
  body?: () => Promise<HttpRequestOptions['body']> | HttpRequestOptions['body'];
  extraScopes?: string[];
};

export type MountResult = { mounted: true } | { mounted: false; session: string | null };

/** An OCI distribution-spec client for pushing: the subset a replication run needs. */
export class RegistryClient {
  readonly host: string;
  /** scheme://host[:port]: the registry's identity for the blob locations the runner remembers. */
  readonly origin: string;
  private readonly auth: RegistryAuthenticator;

  constructor(private readonly options: RegistryClientOptions) {
    // Built from the parsed endpoint, not parsed again from text.
    const base = new URL(`${options.endpoint.scheme}://${options.endpoint.host}`);
    this.host = options.endpoint.host;
    this.origin = base.origin;
    this.auth = new RegistryAuthenticator(options.credentials, options.certificate, base);
  }

  private url(pathOrLocation: string): URL {
    // Locations may be relative; resolve against the registry URL (keeps its port).
    return new URL(pathOrLocation, `${this.origin}/`);
  }

  /** spec "Determining support": GET /v2/ tells whether and how to authenticate. */
  async ping(): Promise<void> {
    const response = await httpRequest(this.url('/v2/').toString(), { certificate: this.options.certificate, signal: this.options.signal });
    if (response.status !== 200 && response.status !== 401) return this.fail(response, 'checking the API at /v2/');
    await response.body.dump();
    this.auth.learn(response.status === 401 ? (response.header('www-authenticate') ?? null) : null);
  }

  /**
   * Sends with the registry's credentials, or a token bought with them, only to the registry's own
   * origin (scheme, host, port). A Location elsewhere (a storage backend, or a hostile registry
   * pointing at another host) is followed without Authorization, as docker and containerd do.
   */
  private async send(method: HttpRequestOptions['method'], target: string | URL, options: SendOptions): Promise<HttpResponse> {
    if (!this.auth.knowsScheme) await this.ping();
    const scopes = [`repository:${options.repo}:pull,push`, ...(options.extraScopes ?? [])];
    const ownOrigin = new URL(target).origin === this.origin;
    for (let attempt = 0; ; attempt++) {
      const authorization = ownOrigin ? await this.auth.authorization(scopes) : undefined;
      const response = await httpRequest(target.toString(), {
        method,
        headers: { ...options.headers, ...(authorization ? { Authorization: authorization } : {}) },
        body: options.body ? await options.body() : undefined,
        certificate: this.options.certificate,
        signal: this.options.signal,
      });
      if (response.status !== 401 || attempt > 0 || !ownOrigin) return response;
      // An expired token or a scheme that changed: learn again and retry once.
      await response.body.dump();
      this.auth.forget(scopes);
      this.auth.learn(response.header('www-authenticate') ?? null);
    }
  }

  private async fail(response: HttpResponse, action: string): Promise<never> {
    const { text } = await readLimitedText(response.body).catch(() => ({ text: '' }));
    throw registryHttpError(response.status, this.host, action, errorDetail(text));
  }

  /** spec "Checking if content exists in the registry": HEAD the blob. */
  async blobExists(repo: string, digest: string): Promise<boolean> {
    const response = await this.send('HEAD', this.url(`/v2/${repo}/blobs/${digest}`), { repo, action: `checking blob ${digest}` });
    if (response.status !== 200 && response.status !== 404) return this.fail(response, `checking blob ${digest}`);
    await response.body.dump();
    return response.status === 200;
  }

  /** The digest a tag (or digest) currently resolves to, or null when absent. */
  async manifestDigest(repo: string, reference: string): Promise<string | null> {
    const action = `checking manifest ${repo}:${reference}`;
    const response = await this.send('HEAD', this.url(`/v2/${repo}/manifests/${reference}`), {
      repo,
      action,
      headers: { Accept: MANIFEST_MEDIA_TYPES.join(', ') },
    });
    if (response.status !== 200 && response.status !== 404) return this.fail(response, action);
    await response.body.dump();
    if (response.status === 404) return null;
    const digest = response.header('docker-content-digest');
    if (!digest) throw new RegistryError(`registry ${this.host} did not send Docker-Content-Digest for ${repo}:${reference}`, 200, false);
    return digest;
  }

  /**
   * spec "Mounting a blob from another repository": 201 = mounted, no bytes sent. 202 = the
   * registry did not mount (the blob is not in `fromRepo`, or this account may not read it) and
   * opened an upload session instead, returned so the caller uploads into it or cancels it.
   */
  async mountBlob(repo: string, digest: string, fromRepo: string): Promise<MountResult> {
    const url = this.url(`/v2/${repo}/blobs/uploads/`);
    url.searchParams.set('mount', digest);
    url.searchParams.set('from', fromRepo);
    const response = await this.send('POST', url, {
      repo,
      action: `mounting blob ${digest}`,
      extraScopes: [`repository:${fromRepo}:pull`],
      headers: { 'Content-Length': '0' },
    });
    if (response.status !== 201 && response.status !== 202) return this.fail(response, `mounting blob ${digest}`);
    await response.body.dump();
    if (response.status === 201) return { mounted: true };
    return { mounted: false, session: response.header('location') ?? null };
  }

  /** spec "Canceling an upload": frees a session this client will not use (best effort; it expires anyway). */
  async cancelUpload(repo: string, session: string): Promise<void> {
    const response = await this.send('DELETE', this.url(session), { repo, action: 'cancelling an upload' }).catch(() => null);
    await response?.body.dump();
  }

  /**
   * spec "Pushing blobs": POST a session, then one PUT with the body (small blobs) or PATCH chunks
   * with Content-Range and a closing PUT. A chunk broken by the network resumes from the Range the
   * registry reports (spec "Resuming an upload" via GET on the session).
   */
  async uploadBlob(
    repo: string,
    blob: { digest: string; size: number },
    /** The blob's bytes from `offset`; `length` is how many this request sends (a chunk may end before the blob). */
    open: (offset: number, length: number) => Promise<Readable>,
    options: { chunkSize?: number; session?: string } = {},
  ): Promise<void> {
    const action = `pushing blob ${blob.digest}`;
    let location = options.session ?? (await this.openUpload(repo, action));
    const chunkSize = options.chunkSize ?? 64 * 1024 * 1024;

    if (blob.size <= chunkSize) {
      const url = this.url(location);
      url.searchParams.set('digest', blob.digest);
      const put = await this.send('PUT', url, {
        repo,
        action,
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(blob.size) },
        body: () => open(0, blob.size),
      });
      if (put.status !== 201) return this.fail(put, action);
      await put.body.dump();
      return;
    }

    let offset = 0;
    let resumes = 0;
    while (offset < blob.size) {
      const end = Math.min(offset + chunkSize, blob.size) - 1;
      try {
        const patch = await this.send('PATCH', this.url(location), {
          repo,
          action,
          headers: {
            'Content-Type': 'application/octet-stream',
            'Content-Length': String(end - offset + 1),
            'Content-Range': `${offset}-${end}`,
          },
          body: async () => limitStream(await open(offset, end - offset + 1), end - offset + 1),
        });
        if (patch.status !== 202) return this.fail(patch, action);
        await patch.body.dump();
        location = patch.header('location') ?? location;
        offset = end + 1;
      } catch (error) {
        if (resumes++ >= 5 || this.options.signal?.aborted) throw error;
        offset = await this.uploadedBytes(repo, location, action);
      }
    }
    const url = this.url(location);
    url.searchParams.set('digest', blob.digest);
    const put = await this.send('PUT', url, { repo, action, headers: { 'Content-Length': '0' } });
    if (put.status !== 201) return this.fail(put, action);
    await put.body.dump();
  }

  /** spec "POST then PUT": opens an upload session; its Location is where the bytes go. */
  private async openUpload(repo: string, action: string): Promise<string> {
    const start = await this.send('POST', this.url(`/v2/${repo}/blobs/uploads/`), { repo, action, headers: { 'Content-Length': '0' } });
    if (start.status !== 202) return this.fail(start, action);
    await start.body.dump();
    const location = start.header('location');
    if (!location) throw new RegistryError(`registry ${this.host} sent no upload Location while ${action}`, 202, false);
    return location;
  }

  private async uploadedBytes(repo: string, location: string, action: string): Promise<number> {
    const status = await this.send('GET', this.url(location), { repo, action });
    if (status.status !== 204) return this.fail(status, action);
    await status.body.dump();
    const range = status.header('range');
    const match = range ? /(\d+)-(\d+)/.exec(range) : null;
    return match ? Number(match[2]) + 1 : 0;
  }

  /**
   * spec "Pushing Manifests": bytes unchanged, Content-Type = the manifest's media type. Returns the
   * OCI-Subject header (spec "Pushing Manifests with Subject"): set when the registry indexed the
   * manifest's subject for its referrers API.
   */
  async putManifest(repo: string, reference: string, manifest: { bytes: Buffer; mediaType: string }): Promise<{ subject: string | null }> {
    const action = `pushing manifest ${repo}:${reference}`;
    const response = await this.send('PUT', this.url(`/v2/${repo}/manifests/${reference}`), {
      repo,
      action,
      headers: { 'Content-Type': manifest.mediaType, 'Content-Length': String(manifest.bytes.length) },
      body: () => manifest.bytes,
    });
    if (response.status !== 201) return this.fail(response, action);
    await response.body.dump();
    return { subject: response.header('oci-subject') ?? null };
  }

  /** spec "Pulling manifests": the bytes and media type of a manifest, or null when absent (404). */
  async getManifest(repo: string, reference: string): Promise<{ mediaType: string; bytes: Buffer } | null> {
    const action = `reading manifest ${repo}:${reference}`;
    const response = await this.send('GET', this.url(`/v2/${repo}/manifests/${reference}`), {
      repo,
      action,
      headers: { Accept: MANIFEST_MEDIA_TYPES.join(', ') },
    });
    if (response.status === 404) {
      await response.body.dump();
      return null;
    }
    if (response.status !== 200) return this.fail(response, action);
    const { text, truncated } = await readLimitedText(response.body, MAX_MANIFEST_BYTES);
    if (truncated)
      throw new RegistryError(`registry ${this.host} sent a manifest over ${MAX_MANIFEST_BYTES} bytes while ${action}`, 200, false);
    return { mediaType: response.header('content-type')?.split(';')[0]?.trim() ?? '', bytes: Buffer.from(text) };
  }

  /**
   * spec "Listing Referrers": the descriptors whose subject is `digest`, or null when the registry
   * has no referrers API (404, spec "Unavailable Referrers API"; a 200 that is no image index counts
   * as none too). The caller then keeps the referrers tag schema's fallback index instead.
   */
  async listReferrers(repo: string, digest: string): Promise<Array<{ digest: string }> | null> {
    const action = `listing referrers of ${repo}@${digest}`;
    const response = await this.send('GET', this.url(`/v2/${repo}/referrers/${digest}`), {
      repo,
      action,
      headers: { Accept: 'application/vnd.oci.image.index.v1+json' },
    });
    if (response.status === 404) {
      await response.body.dump();
      return null;
    }
    if (response.status !== 200) return this.fail(response, action);
    const { text } = await readLimitedText(response.body, MAX_MANIFEST_BYTES);
    try {
      const index = JSON.parse(text) as { manifests?: unknown };
      if (!Array.isArray(index.manifests)) return null;
      return index.manifests.filter((m): m is { digest: string } => typeof (m as { digest?: unknown })?.digest === 'string');
    } catch {
      return null;
    }
  }

  /**
   * spec "Deleting tags" / "Deleting Manifests" (end-9): DELETE /v2/<name>/manifests/<tag|digest>.
   * 202 = DELETED, 404 = ABSENT; REFUSED = 405 (deletion disabled or unsupported) or 400 (a
   * registry that deletes by digest only: docker-registry 2.8 answers DIGEST_INVALID to a tag).
   */
  async deleteManifest(repo: string, reference: string): Promise<{ result: 'DELETED' | 'ABSENT' } | { result: 'REFUSED'; detail: string }> {
    const action = `deleting manifest ${repo}:${reference}`;
    // Token registries grant DELETE to the `delete` action only.
    const response = await this.send('DELETE', this.url(`/v2/${repo}/manifests/${reference}`), {
      repo,
      action,
      extraScopes: [`repository:${repo}:delete`],
    });
    if (response.status === 202 || response.status === 200 || response.status === 404) {
      await response.body.dump();
      return { result: response.status === 404 ? 'ABSENT' : 'DELETED' };
    }
    if (response.status === 405 || response.status === 400) {
      const { text } = await readLimitedText(response.body).catch(() => ({ text: '' }));
      return { result: 'REFUSED', detail: `${response.status} ${errorDetail(text) ?? ''}`.trim() };
    }
    return this.fail(response, action);
  }

  /**
   * spec "Listing Tags" (end-8a/8b): every tag of `repo`, following the `Link: <…>; rel="next"` pages
   * of this registry only; an absent repository (404 NAME_UNKNOWN) has none. Null when it has over `max`.
   */
  async listTags(repo: string, max: number): Promise<string[] | null> {
    const action = `listing the tags of ${repo}`;
    const tags: string[] = [];
    let next: URL | null = this.url(`/v2/${repo}/tags/list?n=${Math.min(max + 1, 1000)}`);
    // A broken or hostile registry could link a page to itself, or send empty pages forever.
    const visited = new Set<string>();
    while (next && !visited.has(next.href)) {
      visited.add(next.href);
      const response = await this.send('GET', next, { repo, action });
      if (response.status === 404) {
        await response.body.dump();
        return tags;
      }
      if (response.status !== 200) return this.fail(response, action);
      const link = response.header('link');
      const { text, truncated } = await readLimitedText(response.body, TAG_PAGE_BYTES);
      if (truncated) throw new RegistryError(`registry ${this.host} sent a tag page over ${TAG_PAGE_BYTES} bytes`, 200, false);
      let page: unknown;
      try {
        page = (JSON.parse(text) as { tags?: unknown }).tags ?? [];
      } catch {
        page = null;
      }
      if (!Array.isArray(page))
        throw new RegistryError(`registry ${this.host} answered an unreadable tag list while ${action}`, 200, false);
      const before = tags.length;
      tags.push(...page.filter((tag): tag is string => typeof tag === 'string'));
      if (tags.length > max) return null;
      if (tags.length === before) break;
      const target = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
      const following = target ? this.url(target) : null;
      next = following && following.origin === this.origin ? following : null;
    }
    return tags;
  }
}

/** "CODE: message" of a registry's error body (spec "Error Codes"), if it has one. */
function errorDetail(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> }).errors
      ?.map((e) => `${e.code}: ${e.message}`)
      .join('; ');
  } catch {
    return undefined;
  }
}

/** Manifests are small JSON documents: distribution-spec suggests accepting at least 4 MiB. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

async function* take(source: Readable, bytes: number): AsyncGenerator<Buffer> {
  let remaining = bytes;
  for await (const chunk of source) {
    const buffer = chunk as Buffer;
    if (buffer.length >= remaining) {
      yield buffer.subarray(0, remaining);
      source.destroy();
      return;
    }
    remaining -= buffer.length;
    yield buffer;
  }
}

/** The first `bytes` of `source`, which is then destroyed: a chunk of a longer stream. */
export function limitStream(source: Readable, bytes: number): Readable {
  return Readable.from(take(source, bytes), { objectMode: false });
}
