import { ADMIN_PASSWORD } from './ferry-server';

export type ApiResponse<T = unknown> = {
  status: number;
  body: { code: number; message: string | null; data: T; traceId: string | null };
  headers: Headers;
};

export type Credentials = { username: string; password: string } | { token: string } | null;

const adminCredentials: Credentials = { username: 'admin', password: ADMIN_PASSWORD };

/** A thin JSON client over real HTTP, the way bk-repo scripts call Ferry. */
export function apiClient(baseUrl: string, credentials: Credentials = adminCredentials) {
  const authorization = (): Record<string, string> => {
    if (!credentials) return {};
    if ('token' in credentials) return { Authorization: `Bearer ${credentials.token}` };
    return { Authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` };
  };
  async function call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...authorization(),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: ApiResponse<T>['body'];
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} → ${response.status}, not JSON: ${text.slice(0, 300)}`);
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
  return {
    get: <T = unknown>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    delete: <T = unknown>(path: string) => call<T>('DELETE', path),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** Asserts success and returns data, with the error message in the failure output. */
export function dataOf<T>(response: ApiResponse<T>): T {
  if (response.status !== 200 || response.body.code !== 0) {
    throw new Error(`expected success, got ${response.status} ${response.body.code}: ${response.body.message}`);
  }
  return response.body.data;
}
