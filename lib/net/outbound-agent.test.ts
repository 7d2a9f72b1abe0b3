import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedConnector, guardedLookup, outboundRefusal } from './outbound-agent';
import { type OutboundRule, outboundPolicy, parseOutboundList } from './outbound-policy';

function rules(text: string): OutboundRule[] {
  const parsed = parseOutboundList(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

let server: Server;
let port: number;
let hits = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

const agentWith = (deny: string) => new Agent({ connect: guardedConnector(() => outboundPolicy({ deny: rules(deny) })) });

describe('guardedConnector', () => {
  it('connects to an address the policy allows', async () => {
    const response = await request(`http://127.0.0.1:${port}/`, { dispatcher: agentWith('127.0.0.2/32') });
    expect(await response.body.text()).toBe('ok');
  });

  it('refuses an address literal without connecting, with a message naming the variable', async () => {
    const before = hits;
    const error = await request(`http://127.0.0.1:${port}/`, { dispatcher: agentWith('127.0.0.1/32') }).catch((e: unknown) => e);
    expect(outboundRefusal(error)?.message).toBe(
      'outbound policy refuses 127.0.0.1 (FERRY_OUTBOUND_DENY 127.0.0.1/32); set FERRY_OUTBOUND_ALLOW to permit it',
    );
    expect(hits).toBe(before);
  });

  it('checks the resolved address of a host name (localhost → loopback)', async () => {
    const before = hits;
    const error = await request(`http://localhost:${port}/`, { dispatcher: agentWith('127.0.0.0/8,::1/128') }).catch((e: unknown) => e);
    expect(outboundRefusal(error)?.message).toMatch(/^outbound policy refuses (127\.0\.0\.1|::1) \(FERRY_OUTBOUND_DENY/);
    expect(hits).toBe(before);
  });
});

describe('guardedLookup', () => {
  const policy = () => outboundPolicy();
  const answering =
    (...addresses: string[]) =>
    (_host: string, _options: unknown, callback: (error: Error | null, addresses: { address: string; family: number }[]) => void) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );

  it('drops refused addresses and keeps the allowed ones (a name that also points at metadata)', async () => {
    const lookup = guardedLookup(policy, answering('169.254.169.254', '10.0.0.5'));
    const all = await new Promise((resolve, reject) =>
      lookup('rebind.test', { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
    );
    expect(all).toEqual([{ address: '10.0.0.5', family: 4 }]);
    const one = await new Promise((resolve, reject) =>
      lookup('rebind.test', {}, (error, address, family) => (error ? reject(error) : resolve([address, family]))),
    );
    expect(one).toEqual(['10.0.0.5', 4]);
  });

  it('fails when every resolved address is refused', async () => {
    const lookup = guardedLookup(policy, answering('169.254.169.254', 'fd00:ec2::254'));
    const error = await new Promise((resolve) => lookup('rebind.test', { all: true }, (e) => resolve(e)));
    expect(outboundRefusal(error)?.message).toContain('outbound policy refuses 169.254.169.254 (link-local/metadata)');
  });
});
