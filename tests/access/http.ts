// One request of the matrix, sent with any caller's Authorization, and its answer read once as
// bytes so JSON envelopes, /v2 error bodies and file downloads are all at hand.

export type Req = { method: string; path: string; json?: unknown; body?: Buffer; headers?: Record<string, string> };

export type Res = {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The bk-repo envelope, when the answer is one. */
  envelope: { code: number; message: string | null; data: unknown } | null;
  /** The first distribution-spec error code, when the answer is one. */
  ociCode: string | null;
  ociMessage: string | null;
};

export async function send(baseUrl: string, authorization: string | null, req: Req): Promise<Res> {
  const headers: Record<string, string> = { ...req.headers };
  if (authorization) headers.Authorization = authorization;
  let body: string | Blob | undefined;
  if (req.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.body) {
    body = new Blob([new Uint8Array(req.body)]);
  }
  const response = await fetch(`${baseUrl}${req.path}`, { method: req.method, headers, body, redirect: 'manual' });
  const bytes = Buffer.from(await response.arrayBuffer());
  let parsed: unknown = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      parsed = null;
    }
  }
  const record = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  const envelope = record && typeof record.code === 'number' ? (record as Res['envelope']) : null;
  const errors = record && Array.isArray(record.errors) ? (record.errors as Array<{ code?: string; message?: string }>) : null;
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    envelope,
    ociCode: errors?.[0]?.code ?? null,
    ociMessage: errors?.[0]?.message ?? null,
  };
}

/** Status, code and message in one line, for failure output. */
export const describeRes = (res: Res) =>
  `${res.status} ${res.envelope ? `${res.envelope.code} ${res.envelope.message}` : (res.ociCode ?? res.bytes.toString('utf8').slice(0, 200))}`;

/** Every string in a request with `from` replaced by `to` (path and JSON body). */
export function replaceInRequest(req: Req, from: string, to: string): Req {
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') return value.split(from).join(to);
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    return value;
  };
  return { ...req, path: req.path.split(from).join(to), json: swap(req.json) };
}
