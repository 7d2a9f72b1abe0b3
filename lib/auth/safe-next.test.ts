import { describe, expect, it } from 'vitest';
import { safeNextUrl } from './safe-next';

const origin = 'http://ferry.example:3000';

describe('safeNextUrl', () => {
  it('keeps a path on this origin with its query and fragment', () => {
    expect(safeNextUrl('/runs?status=FAILED#top', origin)).toBe('http://ferry.example:3000/runs?status=FAILED#top');
    expect(safeNextUrl('/projects/a%2Fb', origin)).toBe('http://ferry.example:3000/projects/a%2Fb');
    expect(safeNextUrl('http://ferry.example:3000/tokens', origin)).toBe('http://ferry.example:3000/tokens');
  });

  it.each([
    ['/\\evil.example', 'backslash, the decoded form of /%5Cevil.example'],
    ['/\t/evil.example', 'tab, the decoded form of /%09/evil.example'],
    ['/\n/evil.example', 'newline'],
    ['/\r\n/evil.example', 'carriage return'],
    ['//evil.example', 'protocol-relative'],
    ['\\\\evil.example', 'two backslashes'],
    ['https://evil.example/', 'absolute'],
    ['http://ferry.example:3001/', 'another port'],
    ['javascript:alert(document.cookie)', 'javascript:'],
    ['java\tscript:alert(1)', 'javascript: with a tab'],
    ['data:text/html,<script>alert(1)</script>', 'data:'],
    ['  //evil.example', 'leading spaces'],
    ['https:evil.example', 'another scheme without slashes'],
  ])('sends %j home (%s)', (next) => {
    expect(safeNextUrl(next, origin)).toBe('http://ferry.example:3000/');
  });

  it('turns a path that normalises to //host into a path on this origin, never another host', () => {
    const target = new URL(safeNextUrl('/.//evil.example', origin));
    expect(target.origin).toBe(origin);
    expect(safeNextUrl('/.//evil.example', origin)).toBe('http://ferry.example:3000//evil.example');
  });

  it('goes home without a next', () => {
    expect(safeNextUrl(null, origin)).toBe('http://ferry.example:3000/');
    expect(safeNextUrl('', origin)).toBe('http://ferry.example:3000/');
  });
});
