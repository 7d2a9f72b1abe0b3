import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

type ReceivedHook = {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  /** Whether X-Ferry-Signature is the HMAC-SHA256 of the exact body with the receiver's secret (null: none sent). */
  signatureValid: boolean | null;
};

export type WebhookReceiver = {
  /** Base URL, e.g. http://127.0.0.1:41234 (any path is accepted). */
  url: string;
  received: ReceivedHook[];
  /** Status codes for the next requests, in order; 200 once they are used up. */
  answerNext: (...statuses: number[]) => void;
  stop: () => Promise<void>;
};

/** The check a receiver should make: constant-time comparison of `sha256=<hex HMAC of the body>`. */
function verify(body: Buffer, header: string | string[] | undefined, secret: string | undefined): boolean | null {
  if (header === undefined) return null;
  if (!secret || Array.isArray(header)) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const got = Buffer.from(header);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/**
 * A loopback webhook receiver (127.0.0.1) that records each POST and verifies its signature;
 * `delayMs` holds each answer back (a slow receiver, so senders overlap).
 */
export async function startWebhookReceiver(secret?: string, options: { delayMs?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const queue: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        // recorded as is; the test sees an empty object
      }
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: raw.toString('utf8'),
        json,
        signatureValid: verify(raw, req.headers['x-ferry-signature'], secret),
      });
      res.statusCode = queue.shift() ?? 200;
      setTimeout(() => res.end(res.statusCode < 300 ? 'ok' : 'receiver says no'), options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerNext: (...statuses) => queue.push(...statuses),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
