import { defineConfig } from '@playwright/test';

/** End-to-end tests drive the built extension in Debian's Chromium, one worker on two cores. */
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  retries: 0,
});
