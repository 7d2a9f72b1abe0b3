import { describe, expect, it } from 'vitest';
import { createKeyedLock } from './push-referrer';

describe('createKeyedLock', () => {
  it('runs work of one key one at a time, in order, and other keys alongside', async () => {
    const lock = createKeyedLock();
    const events: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = lock('a', async () => {
      events.push('a1 start');
      await gate;
      events.push('a1 end');
    });
    const second = lock('a', async () => {
      events.push('a2');
    });
    const other = lock('b', async () => {
      events.push('b');
    });
    await other;
    expect(events).toEqual(['a1 start', 'b']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('goes on with the next work of a key after one fails, and passes the failure to its caller', async () => {
    const lock = createKeyedLock();
    const failed = lock('a', async () => {
      throw new Error('broken');
    });
    const next = lock('a', async () => 42);
    await expect(failed).rejects.toThrow('broken');
    await expect(next).resolves.toBe(42);
  });
});
