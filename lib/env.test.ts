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

describe('parseEnv: blob store', () => {
  const s3 = {
    FERRY_BLOB_STORE: 's3',
    FERRY_S3_ENDPOINT: 'http://127.0.0.1:7480',
    FERRY_S3_BUCKET: 'ferry-blobs',
    FERRY_S3_ACCESS_KEY_ID: 'access',
    FERRY_S3_SECRET_ACCESS_KEY: 'secret-value-123',
  };

  it('keeps the filesystem store by default and ignores S3 settings then', () => {
    expect(parseEnv({}).FERRY_BLOB_STORE).toBe('fs');
    expect(parseEnv({ FERRY_BLOB_STORE: '', FERRY_S3_BUCKET: undefined }).FERRY_BLOB_STORE).toBe('fs');
  });

  it('reads the S3 settings with their defaults', () => {
    expect(parseEnv(s3)).toMatchObject({
      FERRY_BLOB_STORE: 's3',
      FERRY_S3_ENDPOINT: 'http://127.0.0.1:7480',
      FERRY_S3_BUCKET: 'ferry-blobs',
      FERRY_S3_REGION: 'us-east-1',
      FERRY_S3_FORCE_PATH_STYLE: false,
      FERRY_S3_PREFIX: '',
    });
    expect(
      parseEnv({ ...s3, FERRY_S3_FORCE_PATH_STYLE: 'TRUE', FERRY_S3_PREFIX: 'site-a/ferry', FERRY_S3_REGION: 'eu-west-1' }),
    ).toMatchObject({
      FERRY_S3_FORCE_PATH_STYLE: true,
      FERRY_S3_PREFIX: 'site-a/ferry/',
      FERRY_S3_REGION: 'eu-west-1',
    });
  });

  it.each(['FERRY_S3_BUCKET', 'FERRY_S3_ACCESS_KEY_ID', 'FERRY_S3_SECRET_ACCESS_KEY'])('names %s when s3 is chosen without it', (name) => {
    expect(() => parseEnv({ ...s3, [name]: undefined })).toThrow(`${name}: ${name} is required when FERRY_BLOB_STORE=s3`);
    expect(() => parseEnv({ ...s3, [name]: '  ' })).toThrow(`${name} is required`);
  });

  it.each([
    ['FERRY_BLOB_STORE', 'gcs', 'FERRY_BLOB_STORE must be fs or s3 (got "gcs")'],
    ['FERRY_S3_ENDPOINT', 'ftp://host', 'FERRY_S3_ENDPOINT must be an http:// or https:// URL'],
    ['FERRY_S3_ENDPOINT', '127.0.0.1:7480', 'FERRY_S3_ENDPOINT must be an http:// or https:// URL'],
    ['FERRY_S3_BUCKET', 'Bad_Bucket!', 'FERRY_S3_BUCKET must be a bucket name'],
    ['FERRY_S3_FORCE_PATH_STYLE', 'maybe', 'FERRY_S3_FORCE_PATH_STYLE must be true or false (got "maybe")'],
    ['FERRY_S3_PREFIX', '/abs', 'FERRY_S3_PREFIX must be up to 512'],
    ['FERRY_S3_PREFIX', 'a//b', 'FERRY_S3_PREFIX must be up to 512'],
    ['FERRY_S3_PREFIX', 'bad\u0000prefix', 'FERRY_S3_PREFIX must be up to 512'],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => parseEnv({ ...s3, [name]: value })).toThrow(message);
  });

  it('never puts the secret key in an error message', () => {
    let message = '';
    try {
      parseEnv({ ...s3, FERRY_S3_BUCKET: undefined, FERRY_S3_ENDPOINT: 'nope' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('FERRY_S3_ENDPOINT');
    expect(message).not.toContain('secret-value-123');
  });
});

describe('parseEnv: graceful shutdown', () => {
  it('gives runs and requests 20 s by default, and accepts 0 (hand back at once) up to an hour', () => {
    expect(parseEnv({}).FERRY_SHUTDOWN_SECONDS).toBe(20);
    expect(parseEnv({ FERRY_SHUTDOWN_SECONDS: '0' }).FERRY_SHUTDOWN_SECONDS).toBe(0);
    expect(parseEnv({ FERRY_SHUTDOWN_SECONDS: '3600' }).FERRY_SHUTDOWN_SECONDS).toBe(3600);
  });

  it.each(['-1', '3601', '1.5', 'soon'])('refuses FERRY_SHUTDOWN_SECONDS=%s, naming the variable and its range', (value) => {
    expect(() => parseEnv({ FERRY_SHUTDOWN_SECONDS: value })).toThrow(
      `FERRY_SHUTDOWN_SECONDS must be a whole number from 0 to 3600 (got "${value}")`,
    );
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
