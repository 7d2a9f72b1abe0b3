import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv: runner concurrency', () => {
  it('defaults to 4 artifacts per run, 16 per instance and 2 runs', () => {
    expect(parseEnv({})).toMatchObject({ FERRY_RUNNER_CONCURRENCY: 4, FERRY_RUNNER_MAX_TRANSFERS: 16, FERRY_RUNNER_MAX_RUNS: 2 });
    expect(parseEnv({ FERRY_RUNNER_CONCURRENCY: '' }).FERRY_RUNNER_CONCURRENCY).toBe(4);
  });

  it('reads whole numbers within their bounds', () => {
    expect(parseEnv({ FERRY_RUNNER_CONCURRENCY: '8', FERRY_RUNNER_MAX_TRANSFERS: ' 32 ' })).toMatchObject({
      FERRY_RUNNER_CONCURRENCY: 8,
      FERRY_RUNNER_MAX_TRANSFERS: 32,
    });
  });

  it.each([
    ['FERRY_RUNNER_CONCURRENCY', '0', 'FERRY_RUNNER_CONCURRENCY must be a whole number from 1 to 64 (got "0")'],
    ['FERRY_RUNNER_CONCURRENCY', '2.5', 'FERRY_RUNNER_CONCURRENCY must be a whole number from 1 to 64 (got "2.5")'],
    ['FERRY_RUNNER_MAX_TRANSFERS', 'many', 'FERRY_RUNNER_MAX_TRANSFERS must be a whole number from 1 to 1024 (got "many")'],
    ['FERRY_RUNNER_MAX_TRANSFERS', '5000', 'FERRY_RUNNER_MAX_TRANSFERS must be a whole number from 1 to 1024 (got "5000")'],
  ])('refuses %s=%s, naming the variable and its range', (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(message);
  });
});
