import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ENV_VARIABLE_NAMES, parseEnv } from '../lib/env';

// The deployment files cannot be built or applied here (no container runtime, no cluster): these
// checks keep them parseable and in step with lib/env.ts. What they run is tested by
// tests/multi/several-instances.test.ts.

const here = path.dirname(new URL(import.meta.url).pathname);
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');

/** Variables read outside lib/env.ts: by `npm start`, Next.js or Node, and the build (next.config.ts). */
const PLATFORM_VARIABLES = ['PORT', 'HOSTNAME', 'FERRY_HOST', 'NEXT_TELEMETRY_DISABLED', 'FERRY_BUILD_OUTPUT'];
const known = new Set([...ENV_VARIABLE_NAMES, ...PLATFORM_VARIABLES]);

function yamlDocuments(file: string): Record<string, unknown>[] {
  return parseAllDocuments(read(file), { merge: true }).map((document) => {
    expect(
      document.errors.map((e) => e.message),
      file,
    ).toEqual([]);
    return document.toJS() as Record<string, unknown>;
  });
}

/** Compose's ${NAME:?message} and ${NAME:-default}, filled with a valid sample so parseEnv can judge the rest. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::[?-][^}]*)?\}/g, (_all, name: string) =>
    name === 'FERRY_SECRET_KEY' ? 'ab'.repeat(32) : `sample-${name.toLowerCase()}`,
  );
}

type Container = { env?: Array<{ name: string; value?: string }>; readinessProbe?: unknown; livenessProbe?: unknown };
type K8sObject = {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: parsed YAML of several kinds, read by path
  spec?: any;
};

describe('deploy/', () => {
  it('compose.yaml: two Ferry instances, a worker, PostgreSQL, S3 and a load balancer, with variables lib/env.ts accepts', () => {
    const [compose] = yamlDocuments('compose.yaml');
    const services = (compose?.services ?? {}) as Record<string, { environment?: Record<string, string>; stop_grace_period?: string }>;
    expect(Object.keys(services).sort()).toEqual(['ferry-1', 'ferry-2', 'lb', 'postgres', 's3', 's3-bucket', 'worker']);
    for (const name of ['ferry-1', 'ferry-2', 'worker']) {
      const environment = Object.fromEntries(
        Object.entries(services[name]?.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))]),
      );
      expect(
        Object.keys(environment).filter((key) => !known.has(key)),
        name,
      ).toEqual([]);
      expect(() => parseEnv(environment), name).not.toThrow();
      expect(environment.FERRY_RUNNER, name).toBe(name === 'worker' ? 'on' : 'off');
      // Docker's SIGKILL must come after Ferry's own deadline.
      expect(Number.parseInt(services[name]?.stop_grace_period ?? '10', 10)).toBeGreaterThan(Number(environment.FERRY_SHUTDOWN_SECONDS));
    }
    expect(read('nginx.conf')).toMatch(/server ferry-1:3000[^;]*;\s*server ferry-2:3000/);
  });

  it('kubernetes/: web and worker Deployments, a Service, probes on /api/health and /api/ready, config from a ConfigMap and a Secret', () => {
    const folder = path.join(here, 'kubernetes');
    const kustomization = yamlDocuments('kubernetes/kustomization.yaml')[0] as { resources: string[] };
    const files = readdirSync(folder).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect(kustomization.resources.sort()).toEqual(files.sort());
    const objects = files.flatMap((f) => yamlDocuments(`kubernetes/${f}`)) as K8sObject[];
    const byName = (kind: string, name: string) => {
      const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
      if (!found) throw new Error(`no ${kind} ${name}`);
      return found;
    };
    const config = { ...byName('ConfigMap', 'ferry-config').data, ...byName('Secret', 'ferry-secrets').stringData };
    // Kubernetes refuses ConfigMap and Secret values that YAML reads as numbers or booleans.
    expect(Object.entries(config).filter(([, value]) => typeof value !== 'string')).toEqual([]);
    expect(byName('Service', 'ferry').spec.selector).toEqual({ 'app.kubernetes.io/name': 'ferry', 'app.kubernetes.io/component': 'web' });

    for (const [name, runner] of [
      ['ferry-web', 'off'],
      ['ferry-worker', 'on'],
    ] as const) {
      const pod = byName('Deployment', name).spec.template.spec;
      const [container] = pod.containers as Container[];
      const environment: Record<string, string> = { ...config };
      for (const variable of container?.env ?? []) environment[variable.name] = variable.value ?? '';
      expect(
        Object.keys(environment).filter((key) => !known.has(key)),
        name,
      ).toEqual([]);
      expect(() => parseEnv(environment), name).not.toThrow();
      expect(environment.FERRY_RUNNER).toBe(runner);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(environment.FERRY_SHUTDOWN_SECONDS));
      if (name === 'ferry-web') {
        expect(container?.readinessProbe).toMatchObject({ httpGet: { path: '/api/ready' } });
        expect(container?.livenessProbe).toMatchObject({ httpGet: { path: '/api/health' } });
      }
    }
  });

  it('Dockerfile: multi-stage, standalone web server and worker as a non-root user, a health check, known variables', () => {
    const dockerfile = readFileSync(path.join(here, '..', 'Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    expect(stages).toEqual(['deps', 'build', 'runtime-base', 'worker', 'web']);
    expect(dockerfile).toContain('FERRY_BUILD_OUTPUT=standalone');
    expect(dockerfile).toMatch(/HEALTHCHECK [^\n]*\n[^\n]*\/api\/health/);
    const [, worker = '', web = ''] = dockerfile.split(/^FROM runtime-base AS /m);
    for (const stage of [worker, web]) expect(stage).toMatch(/^USER ferry$/m);
    const variables = [...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap((m) => [...(m[1] ?? '').matchAll(/(\w+)=/g)].map((v) => v[1] ?? ''));
    expect(variables.filter((name) => !known.has(name) && name !== 'NODE_ENV')).toEqual([]);
    expect(variables).toContain('NEXT_MANUAL_SIG_HANDLE');
  });
});
