import { createHmac } from 'node:crypto';

/** `X-Ferry-Signature`'s value: `sha256=` + hex HMAC-SHA256 of the exact body bytes, as GitHub's X-Hub-Signature-256. */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
