import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; integration suites in tests/ start real servers
// and are run by scripts/test-all.sh once per database backend.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'deploy/**/*.test.ts'],
    environment: 'node',
  },
});
