import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// The files that take longest, longest first, for a run with no timings from a last run (a
// fresh clone, as in CI): vitest then goes by file size, and a long file started last leaves
// the other core idle at the end. With timings, vitest's own order (failed first, then longest) stands.
const LONGEST = ['test/browser/viewer.test.ts', 'test/engine/equivalence.test.ts', 'test/cli/cli.test.ts', 'test/verify/verify.test.ts', 'test/scenario/loaderFuzz.test.ts', 'test/data/data.test.ts'];
for (const file of LONGEST) {
  if (!existsSync(join(import.meta.dirname, file))) throw new Error(`vitest.config.ts: LONGEST names ${file}, which is not there (renamed?)`);
}

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // The key vitest keeps a file's last results under.
    if (files.some((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`))) return sorted;
    const name = (file: TestSpecification) => relative(this.ctx.config.root, file.moduleId).replaceAll('\\', '/');
    const rank = (file: TestSpecification) => {
      const at = LONGEST.indexOf(name(file));
      return at < 0 ? LONGEST.length : at;
    };
    // Array sort is stable: the rest keep vitest's own order.
    return sorted.sort((a, b) => rank(a) - rank(b));
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
