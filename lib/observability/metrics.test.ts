import { describe, expect, it } from 'vitest';
import { metrics, observeRequest, routeTemplate } from './metrics';
import { bearerMatches } from './metrics-endpoint';

describe('routeTemplate', () => {
  it.each([
    ['/repository/api/repo/list/[projectId]', '/repository/api/repo/list/{projectId}'],
    ['/generic/[...path]', '/generic/{path}'],
    [
      '/replication/api/remote/distribution/update/[projectId]/[repoName]/[name]',
      '/replication/api/remote/distribution/update/{projectId}/{repoName}/{name}',
    ],
    ['/repository/api/[[...unknown]]', '/repository/api/{unknown}'],
    ['/repository/api/user/list', '/repository/api/user/list'],
  ])('turns the folder path %s into %s', (folder, template) => {
    expect(routeTemplate(folder)).toBe(template);
  });
});

describe('observeRequest', () => {
  it('counts an unknown method under one label, so scanners add no series', async () => {
    observeRequest('/unit/{id}', 'BREW', 405, 0.001);
    observeRequest('/unit/{id}', 'X-ANYTHING', 405, 0.001);
    observeRequest('/unit/{id}', 'GET', 200, 0.002);
    const text = await metrics().registry.getSingleMetricAsString('ferry_http_requests_total');
    expect(text).toContain('ferry_http_requests_total{route="/unit/{id}",method="OTHER",status="405"} 2');
    expect(text).toContain('ferry_http_requests_total{route="/unit/{id}",method="GET",status="200"} 1');
    expect(text).not.toContain('BREW');
  });

  it('keeps one registry per process, whichever module graph asks', () => {
    expect(metrics()).toBe(metrics());
    expect((globalThis as { __ferryMetrics?: unknown }).__ferryMetrics).toBe(metrics());
  });
});

describe('bearerMatches', () => {
  const token = 'a-metrics-token-of-32-characters';
  it.each([
    [`Bearer ${token}`, true],
    [`bearer ${token}`, true],
    [`Bearer  ${token} `, true],
    [`Bearer ${token}x`, false],
    [`Bearer ${token.slice(0, -1)}`, false],
    [`Basic ${token}`, false],
    [token, false],
    ['Bearer ', false],
    ['', false],
    [null, false],
  ])('%s → %s', (header, expected) => {
    expect(bearerMatches(header, token)).toBe(expected);
  });
});
