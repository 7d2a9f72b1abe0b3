// Layering rules, checked in CI by scripts/check-architecture.mjs (docs/architecture.md explains them).
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid(
      'app-not-runner',
      'Routes and pages never reach the runner: domain operations queue work and wake it.',
      { path: '^app/' },
      { path: '^lib/runner/' },
    ),
    forbid(
      'app-not-database',
      'app/ calls lib/<domain> operations, never Drizzle or the schema directly.',
      { path: '^app/' },
      { path: ['^lib/db/schema', 'node_modules/drizzle-orm'] },
    ),
    forbid('lib-not-app', 'Domain code never imports from app/.', { path: '^lib/' }, { path: '^app/' }),
    forbid(
      'bottom-layer',
      'lib/http (errors, codes, log, guards) and lib/paging sit below every domain.',
      { path: '^lib/(http|paging)/' },
      { path: '^lib/', pathNot: ['^lib/(http|paging)/', '^lib/env\\.ts$'] },
    ),
    forbid(
      'ui-primitives',
      'components/ui are design-system primitives: no domain code.',
      { path: '^components/ui/' },
      { path: '^lib/', pathNot: ['^lib/api-client/', '^lib/format/', '^lib/time/', '^lib/forms/'] },
    ),
    forbid('no-circular', 'No module-level import cycles.', {}, { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['\\.next/', 'node_modules/'] },
  },
};
