// Checks the layering rules of .dependency-cruiser.cjs and that no two lib/ domains import each
// other, directly or through others (a cycle between folders, which module-level checks miss).
import { execFileSync } from 'node:child_process';

const raw = execFileSync(
  'npx',
  [
    'depcruise',
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'json',
    'app',
    'lib',
    'components',
    'scripts',
    'instrumentation.ts',
  ],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const result = JSON.parse(raw);
const problems = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

const domainOf = (file) => /^lib\/([^/]+)\//.exec(file)?.[1];
const edges = new Map();
for (const module of result.modules) {
  const from = domainOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = domainOf(dependency.resolved);
    if (!to || to === from || dependency.dependencyTypes?.includes('type-only')) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    edges.get(from).set(to, `${module.source} → ${dependency.resolved}`);
  }
}
for (const cycle of domainCycles(edges)) {
  const steps = cycle.map((domain, i) => edges.get(domain).get(cycle[(i + 1) % cycle.length]));
  problems.push(`domain cycle ${[...cycle, cycle[0]].join(' → ')}:\n    ${steps.join('\n    ')}`);
}

if (problems.length > 0) {
  console.error(`Architecture check failed (${problems.length}):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Architecture check: ${result.summary.totalCruised} modules, layering rules and domain graph acyclic.`);

/** One cycle per strongly connected component of more than one domain (Tarjan). */
function domainCycles(graph) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (node) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), indexOf.get(next)));
    }
    if (low.get(node) !== indexOf.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(cycleWithin(graph, new Set(component)));
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return cycles;
}

/** A concrete cycle through a strongly connected component, for the message. */
function cycleWithin(graph, members) {
  const start = [...members][0];
  const path = [start];
  const seen = new Set([start]);
  for (;;) {
    const current = path[path.length - 1];
    const next = [...graph.get(current).keys()].find((d) => members.has(d));
    if (next === start || seen.has(next)) return next === start ? path : path.slice(path.indexOf(next));
    path.push(next);
    seen.add(next);
  }
}
