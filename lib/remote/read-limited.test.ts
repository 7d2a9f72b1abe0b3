import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLimitedJson, readLimitedText } from './read-limited';

describe('readLimitedText', () => {
  it('reads a reply under the limit whole', async () => {
    expect(await readLimitedText(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4)).toEqual({ text: 'abcd', truncated: false });
  });

  it('stops at the limit and closes an endless stream', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced++;
        this.push(Buffer.alloc(1024, 'x'));
      },
    });
    const result = await readLimitedText(endless, 64 * 1024);
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBe(64 * 1024);
    expect(endless.destroyed).toBe(true);
    expect(produced).toBeLessThan(200);
  });

  it('reads a web stream (fetch Response body) too', async () => {
    const response = new Response('x'.repeat(100));
    expect(await readLimitedText(response.body, 10)).toEqual({ text: 'x'.repeat(10), truncated: true });
  });
});

describe('readLimitedJson', () => {
  it('parses JSON within the limit and refuses a longer reply naming the peer', async () => {
    expect(await readLimitedJson(Readable.from([Buffer.from('{"a":1}')]), 'token service t')).toEqual({ a: 1 });
    await expect(readLimitedJson(Readable.from([Buffer.from(`{"a":"${'x'.repeat(100)}"}`)]), 'token service t', 50)).rejects.toThrow(
      'token service t sent a reply larger than',
    );
  });
});
