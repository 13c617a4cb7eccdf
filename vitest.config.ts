import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest starts the files that took longest last time first, but a fresh checkout (CI) has no such
 * record and starts the largest files first. install.test.ts is small and takes the longest by far
 * (npm builds and installs sms three ways): started late, the whole run waits for it at the end.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (s: TestSpecification): boolean => s.moduleId.endsWith('/test/install.test.ts');
    return [...sorted.filter(first), ...sorted.filter((s) => !first(s))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // Most tests wait on git, npm and node child processes: two files at a time keep both cores busy.
    maxWorkers: 2,
    // Each file importing src/ afresh cost about half a second of CPU; the files keep no state in
    // shared modules, so they share one module graph per worker.
    isolate: false,
    setupFiles: ['./test/setup.ts'],
    sequence: { sequencer: LongestFirst },
  },
});
