import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// The files that take longest, longest first. Vitest orders by the last run's times, which a
// fresh clone (CI) does not have; it then goes by file size, and a long file started last
// leaves the other core idle at the end.
const LONGEST = ['test/browser/viewer.test.ts', 'test/engine/equivalence.test.ts', 'test/cli/cli.test.ts', 'test/verify/verify.test.ts', 'test/scenario/loaderFuzz.test.ts', 'test/data/data.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST.indexOf(relative(file.project.config.root, file.moduleId).replaceAll('\\', '/'));
      return at < 0 ? LONGEST.length : at;
    };
    // Array sort is stable: the rest keep vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Both cores: left to itself vitest ran one file at a time here.
    maxWorkers: 2,
    // The files share loaded modules (the library is pure; no test mocks a module), which saves each
    // file from loading the whole library again.
    isolate: false,
    // The browser and socket tests start servers and Chromium; give them room on a 2-core machine.
    testTimeout: 30_000,
    sequence: { sequencer: LongestFirst },
  },
});
