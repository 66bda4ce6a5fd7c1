import { defineConfig } from 'vitest/config';

// Unit tests: pure code next to what it tests (`*.test.ts`), plus simulator self-tests.
export default defineConfig({
  test: {
    include: ['extension/**/*.test.ts', 'e2e/sim/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
