import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Under turbo these tests share two cores with every other package's: a bound on a hang, not a timing.
    testTimeout: 30_000,
  },
});
