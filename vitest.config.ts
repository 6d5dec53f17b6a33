import { defineConfig } from 'vitest/config';

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
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One production server and one Chromium at a time: this machine has 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
