import { describe, expect, it } from 'vitest';
import { taskCovers } from './task-scope';

const file = (artifactName: string) => ({ artifactKind: 'FILE' as const, artifactName, version: null });
const tag = (artifactName: string, version: string) => ({ artifactKind: 'IMAGE' as const, artifactName, version });

describe('taskCovers', () => {
  it('covers a file under a path constraint, not a sibling whose name only starts alike', () => {
    const task = { pathConstraints: ['/release'], packageConstraints: [] };
    expect(taskCovers(task, file('/release/a.bin'))).toBe(true);
    expect(taskCovers(task, file('/release'))).toBe(true);
    expect(taskCovers(task, file('/releases/a.bin'))).toBe(false);
  });

  it('covers every tag of an image without versions, and only the listed ones with', () => {
    expect(taskCovers({ pathConstraints: [], packageConstraints: [{ packageName: 'app' }] }, tag('app', 'x'))).toBe(true);
    const pinned = { pathConstraints: [], packageConstraints: [{ packageName: 'app', versions: ['1.0'] }] };
    expect(taskCovers(pinned, tag('app', '1.0'))).toBe(true);
    expect(taskCovers(pinned, tag('app', '2.0'))).toBe(false);
    expect(taskCovers(pinned, tag('other', '1.0'))).toBe(false);
  });

  it('covers everything without rules, and no image by path rules alone', () => {
    const none = { pathConstraints: [], packageConstraints: [] };
    expect(taskCovers(none, file('/any'))).toBe(true);
    expect(taskCovers(none, tag('any', 'latest'))).toBe(true);
    expect(taskCovers({ pathConstraints: ['/x'], packageConstraints: [] }, tag('x', 'latest'))).toBe(false);
  });
});
