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

describe('parseEnv: metrics', () => {
  it('leaves metrics off by default, with a loopback host for the metrics port', () => {
    for (const source of [{}, { FERRY_METRICS_TOKEN: '', FERRY_METRICS_PORT: '' }]) {
      const parsed = parseEnv(source);
      expect(parsed.FERRY_METRICS_TOKEN).toBeUndefined();
      expect(parsed.FERRY_METRICS_PORT).toBeUndefined();
      expect(parsed.FERRY_METRICS_HOST).toBe('127.0.0.1');
    }
  });

  it('reads a token and a port', () => {
    expect(parseEnv({ FERRY_METRICS_TOKEN: 'a-long-enough-token', FERRY_METRICS_PORT: ' 9464 ' })).toMatchObject({
      FERRY_METRICS_TOKEN: 'a-long-enough-token',
      FERRY_METRICS_PORT: 9464,
    });
  });

  it.each([
    ['FERRY_METRICS_TOKEN', 'short', 'FERRY_METRICS_TOKEN needs at least 16 characters and no spaces'],
    ['FERRY_METRICS_TOKEN', 'has a space in the middle', 'FERRY_METRICS_TOKEN needs at least 16 characters and no spaces'],
    ['FERRY_METRICS_PORT', '0', 'FERRY_METRICS_PORT must be a port number from 1 to 65535 (got "0")'],
    ['FERRY_METRICS_PORT', '70000', 'FERRY_METRICS_PORT must be a port number from 1 to 65535 (got "70000")'],
    ['FERRY_METRICS_PORT', 'http', 'FERRY_METRICS_PORT must be a port number from 1 to 65535 (got "http")'],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(message);
  });
});
