import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map';

describe('LruMap', () => {
  it('drops only the least recently used entry when full', () => {
    const lru = new LruMap<string, number>(3);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3);
    expect(lru.get('a')).toBe(1);
    lru.set('d', 4);
    expect(lru.size).toBe(3);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([1, 3, 4]);
  });

  it('keeps a constantly used key through any number of other keys', () => {
    const lru = new LruMap<string, number>(100);
    lru.set('kept', 1);
    for (let i = 0; i < 10_000; i++) {
      lru.set(`junk-${i}`, i);
      lru.get('kept');
    }
    expect(lru.size).toBe(100);
    expect(lru.get('kept')).toBe(1);
  });

  it('does not refresh an entry on peek', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.peek('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.peek('a')).toBeUndefined();
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruMap(0)).toThrow('positive integer');
  });
});
