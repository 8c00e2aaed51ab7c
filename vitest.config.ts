import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CLI and Playground tests start real processes; on a busy two-core machine that takes seconds.
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
