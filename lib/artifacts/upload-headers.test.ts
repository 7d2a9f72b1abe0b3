import { describe, expect, it } from 'vitest';
import { parseUploadHeaders } from './upload-headers';

const parse = (headers: Record<string, string>) => parseUploadHeaders(new Headers(headers));
const SHA = 'A'.repeat(64);

describe('parseUploadHeaders', () => {
  it('defaults to no digests, no overwrite and no metadata', () => {
    expect(parse({})).toEqual({ sha256: undefined, md5: undefined, size: undefined, overwrite: false, metadata: {} });
  });

  it('lower-cases digests and reads Content-Length and overwrite', () => {
    expect(
      parse({ 'X-BKREPO-SHA256': SHA, 'X-BKREPO-MD5': 'F'.repeat(32), 'Content-Length': '12', 'X-BKREPO-OVERWRITE': 'TRUE' }),
    ).toMatchObject({
      sha256: 'a'.repeat(64),
      md5: 'f'.repeat(32),
      size: 12,
      overwrite: true,
    });
  });

  it('merges both metadata forms, the separate headers winning', () => {
    const packed = Buffer.from('a=1&b=two%20words&c=').toString('base64');
    expect(parse({ 'X-BKREPO-META': packed, 'X-BKREPO-META-A': 'override', 'X-BKREPO-META-Build-No': '7' }).metadata).toEqual({
      a: 'override',
      b: 'two words',
      c: '',
      'build-no': '7',
    });
  });

  it('reads a link request: the digest lower-cased, no body', () => {
    expect(parse({ 'X-Ferry-Link-Sha256': SHA, 'X-BKREPO-SHA256': SHA, 'Content-Length': '0' })).toMatchObject({
      linkSha256: 'a'.repeat(64),
      size: 0,
    });
  });

  it.each([
    [{ 'X-BKREPO-SHA256': 'abc' }, 'X-BKREPO-SHA256'],
    [{ 'X-BKREPO-MD5': 'z'.repeat(32) }, 'X-BKREPO-MD5'],
    [{ 'X-BKREPO-OVERWRITE': '1' }, 'X-BKREPO-OVERWRITE'],
    [{ 'X-BKREPO-META': 'not base64!' }, 'X-BKREPO-META'],
    [{ 'X-BKREPO-META': Buffer.from('no pairs').toString('base64') }, 'X-BKREPO-META'],
    [{ 'X-Ferry-Link-Sha256': 'g'.repeat(64) }, 'X-Ferry-Link-Sha256'],
    [{ 'X-Ferry-Link-Sha256': 'a'.repeat(63) }, 'X-Ferry-Link-Sha256'],
    [{ 'X-Ferry-Link-Sha256': SHA, 'Content-Length': '3' }, 'X-Ferry-Link-Sha256'],
    [{ 'X-Ferry-Link-Sha256': SHA, 'X-BKREPO-SHA256': 'b'.repeat(64) }, 'X-BKREPO-SHA256'],
  ])('names the header of an invalid value: %j', (headers, field) => {
    expect(() => parse(headers)).toThrow(`Parameter [${field}] is invalid`);
  });
});
