import { defineConfig } from 'vitest/config';

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
  },
});
