import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // Timeouts only guard against hangs; this machine is shared, so leave generous room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests start real servers and PGlite instances; two cores cannot take more.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
