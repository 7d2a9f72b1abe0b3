import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from './log';
import { traceIdOf, withTrace } from './trace-context';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The JSON lines log() writes to stdout while `work` runs. */
async function linesOf(work: () => Promise<void> | void): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
  await work();
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('log', () => {
  it('writes one JSON object with time, level, msg and the traceId and executionId of the work in progress', async () => {
    const lines = await linesOf(() =>
      withTrace({ traceId: 'run-1', executionId: 'run-1' }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        log('info', 'run started', { trigger: 'MANUAL' });
      }),
    );
    expect(lines).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'info',
        msg: 'run started',
        traceId: 'run-1',
        executionId: 'run-1',
        trigger: 'MANUAL',
      },
    ]);
  });

  it('gives a line outside any request or run a trace id of its own', async () => {
    const lines = await linesOf(() => {
      log('info', 'one');
      log('info', 'two');
    });
    expect(lines[0]?.traceId).toMatch(/^[0-9a-f]{16}$/);
    expect(lines[1]?.traceId).not.toBe(lines[0]?.traceId);
  });
});

describe('traceIdOf', () => {
  const request = (id?: string) => new Request('http://127.0.0.1/x', { headers: id === undefined ? {} : { 'X-Request-Id': id } });
  it("keeps a caller's plain id and replaces anything else", () => {
    expect(traceIdOf(request('pipeline-42.step-7'))).toBe('pipeline-42.step-7');
    for (const hostile of ['a b', 'x'.repeat(129), '"},{"level":"error"', '']) {
      expect(traceIdOf(request(hostile))).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(traceIdOf(request())).toMatch(/^[0-9a-f]{32}$/);
  });
});
