import { configDefaults, defineConfig } from 'vitest/config';

/** Browser tests that measure the server's pace (see the `browser-timed` project). */
const TIMED_BROWSER_TESTS = ['test/browser/replay-x100.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'models/**/*.test.ts',
            'contracts/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/lint/**/*.test.ts',
            // The dashboard's pure helpers (dictionaries, formatting); its pages are covered by test/browser.
            'app/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...TIMED_BROWSER_TESTS],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One production server and one Chromium at a time: this machine has 2 cores.
          fileParallelism: false,
        },
      },
      {
        test: {
          // Browser tests that hold the server to a stream-time bound (the x100 replay's refits within 3 stream
          // minutes): they run alone, once every other project ended, so the unit tests do not take the cores they
          // measure (a x100 replay turns a tenth of a second of CPU taken away into 10 stream seconds of lag).
          name: 'browser-timed',
          include: [...TIMED_BROWSER_TESTS],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
