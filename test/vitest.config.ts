import { defineProject } from 'vitest/config';

// Cross-package suites: integration against real TimescaleDB (embedded) and
// Redis, and the browser test. Each file starts its own app; run files one by
// one so two embedded databases never compete for the machine's two cores.
export default defineProject({
  test: {
    name: 'test',
    include: ['integration/**/*.test.ts', 'browser/**/*.test.ts', 'deploy/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
