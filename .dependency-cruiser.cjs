// Layering rules, checked in CI by scripts/check-architecture.mjs (docs/architecture.md explains them).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'app-not-runner',
      comment: 'Routes and pages never reach the runner: domain operations queue work and wake it.',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^lib/runner/' },
    },
    {
      name: 'app-not-database',
      comment: 'app/ calls lib/<domain> operations, never Drizzle or the schema directly.',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: ['^lib/db/schema', 'node_modules/drizzle-orm'] },
    },
    {
      name: 'lib-not-app',
      comment: 'Domain code never imports from app/.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^app/' },
    },
    {
      name: 'bottom-layer',
      comment: 'lib/http (errors, codes, log, guards) and lib/paging sit below every domain.',
      severity: 'error',
      from: { path: '^lib/(http|paging)/' },
      to: { path: '^lib/', pathNot: ['^lib/(http|paging)/', '^lib/env\\.ts$'] },
    },
    {
      name: 'ui-primitives',
      comment: 'components/ui are design-system primitives: no domain code.',
      severity: 'error',
      from: { path: '^components/ui/' },
      to: { path: '^lib/', pathNot: ['^lib/api-client/', '^lib/format/', '^lib/time/', '^lib/forms/'] },
    },
    {
      name: 'no-circular',
      comment: 'No module-level import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['\\.next/', 'node_modules/'] },
  },
};
