import { describe, expect, it } from 'vitest';
import { artifactPathProblem } from '../paths/normalize-path';
import { ancestorsOf, folderPathOf, parseArtifactLocation, splitPath } from './artifact-path';

describe('parseArtifactLocation', () => {
  it('splits project, repository and a normalised path', () => {
    expect(parseArtifactLocation('p/r/a//b/')).toEqual({ projectName: 'p', repoName: 'r', path: '/a/b' });
    expect(parseArtifactLocation('p/r')).toEqual({ projectName: 'p', repoName: 'r', path: '/' });
  });

  it('refuses decoded traversal, NUL and backslashes, and a missing repository', () => {
    expect(() => parseArtifactLocation('p/r/a/../b')).toThrow("Parameter [path] is invalid: must not contain '.' or '..' segments");
    expect(() => parseArtifactLocation('p/r/a\0b')).toThrow('NUL');
    expect(() => parseArtifactLocation('p/r/a\\b')).toThrow('\\');
    expect(() => parseArtifactLocation('p')).toThrow('Parameter [repoName] is missing');
  });
});

describe('artifactPathProblem (raw paths, before Next.js normalises them)', () => {
  it.each([
    ['/a/../b', "'.' or '..'"],
    ['/a/%2e%2E/b', "'.' or '..'"],
    ['/a/%2e', "'.' or '..'"],
    ['/a%00', 'NUL'],
    ['/a%5cb', '\\'],
    ['/%E0%A4%A', 'percent-encoding'],
  ])('refuses %s', (raw, reason) => {
    expect(artifactPathProblem(raw)).toContain(reason);
  });

  it('accepts encoded names and repeated slashes', () => {
    expect(artifactPathProblem('/a%20b/c%2Fd')).toBeNull();
    expect(artifactPathProblem('/a//b/')).toBeNull();
    expect(artifactPathProblem('/..a/b..')).toBeNull();
  });
});

describe('path helpers', () => {
  it('splits parents and names the bk-repo way', () => {
    expect(splitPath('/a/b/c.txt')).toEqual({ parentPath: '/a/b', name: 'c.txt' });
    expect(splitPath('/c.txt')).toEqual({ parentPath: '/', name: 'c.txt' });
    expect(folderPathOf('/a/b')).toBe('/a/b/');
    expect(folderPathOf('/')).toBe('/');
    expect(ancestorsOf('/a/b/c')).toEqual(['/a', '/a/b']);
  });
});
