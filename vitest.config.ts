import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // Most tests wait on git, npm and node child processes: two files at a time keep both cores busy.
    maxWorkers: 2,
  },
});
