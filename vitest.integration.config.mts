import { defineConfig } from 'vitest/config';

// Integration suites: each file starts real Ferry servers (next start) on fresh databases of the
// backend chosen by FERRY_TEST_BACKEND. Run by scripts/test-all.sh after `next build`.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
