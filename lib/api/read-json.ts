import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { assertStorableJson } from '../http/text-guards';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON request body without trusting the client: refused with 413 as soon as it passes
 * `maxBytes` (nothing more is read), 415 when a non-empty body is not declared JSON (a cross-site
 * form or text/plain post cannot reach a JSON endpoint), and 250105 for strings the database
 * cannot store. An empty body is `{}`.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(request, maxBytes);
  if (text.trim() === '') return {};
  if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
    throw new AppError(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      'Send the request body as JSON with Content-Type: application/json',
      'Content-Type',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError(ErrorCode.REQUEST_CONTENT_INVALID, 'Request body is not valid JSON');
  }
  assertStorableJson(value);
  return value;
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${maxBytes} bytes`, 'body');
}
