import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: each file starts the real `ensemble serve` process and drives Debian's
 * Chromium through playwright-core. Run with `npm run test:e2e` after `npm run build`.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    // Starting the server (fresh PGlite data dir + migrations) and Chromium can take a while.
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['default'],
  },
});
