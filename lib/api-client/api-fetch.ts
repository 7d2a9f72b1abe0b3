// The admin UI's one way to reach the server: JSON over the REST API with the session cookie,
// the csrf token on changes, and bk-repo's envelope unwrapped into data or an ApiError.

export class ApiError extends Error {
  readonly status: number;
  readonly code: number;
  /** The request field the server named, e.g. "configs[0].setting.rateLimit". */
  readonly field: string | null;

  constructor(status: number, code: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = fieldOfMessage(message);
  }
}

/** bk-repo messages name the field in brackets: "Parameter [configs[0].registry] is invalid: …". */
function fieldOfMessage(message: string): string | null {
  const match = /^Parameter \[(.+?)\] (?:is|has)\b/.exec(message);
  return match?.[1] ?? null;
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}

type Options = { method?: string; body?: unknown };

export async function apiFetch<T>(path: string, options: Options = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { 'X-Requested-With': 'fetch', Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, -1, 'The server could not be reached; check your connection and retry');
  }
  const text = await response.text();
  let envelope: { code?: number; message?: string | null; data?: T } | undefined;
  try {
    envelope = text ? JSON.parse(text) : undefined;
  } catch {
    envelope = undefined;
  }
  if (response.status === 401 && typeof window !== 'undefined' && !path.endsWith('/auth/login')) {
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  if (!envelope || typeof envelope.code !== 'number') {
    const what =
      response.status === 404 ? 'This endpoint is not available on this server yet' : `Unexpected answer (HTTP ${response.status})`;
    throw new ApiError(response.status, -1, `${what}: ${method} ${path.split('?')[0]}`);
  }
  if (!response.ok || envelope.code !== 0) {
    throw new ApiError(response.status, envelope.code, envelope.message ?? `Request failed (HTTP ${response.status})`);
  }
  return envelope.data as T;
}

export const encodePath = (...parts: string[]) => parts.map(encodeURIComponent).join('/');
