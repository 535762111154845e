import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The tests run autofix on a simulated cluster: rollouts and verification take seconds.
    testTimeout: 90_000,
  },
});
