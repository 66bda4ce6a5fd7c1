import { defineConfig } from '@playwright/test';

// End-to-end tests: the built dist/ in Debian's Chromium against the simulator (e2e/fixtures.ts).
// Each test launches its own browser, so two workers fit this 2-core machine.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'test-results/junit.xml' }]] : [['list']],
  use: { trace: 'retain-on-failure' },
});
