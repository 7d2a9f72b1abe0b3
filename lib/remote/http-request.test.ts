import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from './http-request';

// A real HTTP server on loopback that counts the TCP connections the transfers open.

let server: Server;
let base: string;
let connections = 0;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('ok'));
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('httpRequest', () => {
  it('reuses kept-alive connections, after HEAD too: 4 concurrent transfers share a handful of connections', async () => {
    connections = 0;
    const transfer = async (n: number) => {
      for (let i = 0; i < 10; i++) {
        const head = await httpRequest(`${base}/files/${n}/${i}`, { method: 'HEAD' });
        await head.body.dump();
        const put = await httpRequest(`${base}/files/${n}/${i}`, {
          method: 'PUT',
          headers: { 'Content-Length': '4096' },
          body: Readable.from([Buffer.alloc(4096)]),
        });
        expect(put.status).toBe(200);
        await put.body.dump();
      }
    };
    await Promise.all([0, 1, 2, 3].map(transfer));
    // 80 requests: a few more connections than 4 (undici may open one while a finished response
    // is still handing its socket back), not one per request as when each HEAD closed its own.
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(8);
  });
});
