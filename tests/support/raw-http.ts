import { createHash } from 'node:crypto';
import http from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * One HTTP request with the path sent exactly as given (fetch and curl resolve "..", "%2e%2e"
 * and "\" before sending, so traversal attempts need this), the body streamed from `body`.
 */
export function rawRequest(
  baseUrl: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string | Readable },
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    const body = options.body;
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) request.end(body);
    else pipeline(body, request).catch(reject);
  });
}

/** Streams a response body through sha256 without keeping it; returns status, headers and digest. */
export function downloadDigest(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; sha256: string; bytes: number }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, method: 'GET', path, headers }, (response) => {
      const hash = createHash('sha256');
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, sha256: hash.digest('hex'), bytes }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * Starts an upload, sends `sentBytes` of a declared body (Content-Length `declaredBytes`, or
 * chunked when omitted), then cuts the connection: a client that dies mid-upload.
 */
export function abortedUpload(
  baseUrl: string,
  options: { path: string; headers: Record<string, string>; sentBytes: number; declaredBytes?: number },
): Promise<void> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const headers = {
      ...options.headers,
      ...(options.declaredBytes === undefined ? {} : { 'Content-Length': String(options.declaredBytes) }),
    };
    const request = http.request({ host: url.hostname, port: url.port, method: 'PUT', path: options.path, headers });
    request.on('error', () => resolve());
    request.on('response', () => resolve());
    request.write(Buffer.alloc(options.sentBytes, 7), () => {
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 200);
    });
  });
}

/** Resident memory of a process in bytes (Linux). */
export async function residentBytes(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) * 1024;
}
