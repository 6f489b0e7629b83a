import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import type { AppMode } from './harness/app-fixture';

/**
 * The same specs run twice: against real Electron (skipped where the binary is missing) and in
 * the Chromium harness (the built main process on a test double of `electron`, windows as pages
 * of Debian's Chromium). Run: npx playwright test -c e2e/playwright.config.ts
 */
export default defineConfig<{ appMode: AppMode }>({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  testIgnore: ['bench/**'],
  outputDir: '../test-results/e2e',
  // Two cores: one app (main + browser) at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  // The JSON report feeds e2e/test-summary.mjs (`npm test`'s closing line).
  reporter: [['list'], ['json', { outputFile: resolve(__dirname, '../test-results/playwright.json') }]],
  projects: [
    { name: 'electron', use: { appMode: 'electron' } },
    { name: 'chromium-harness', use: { appMode: 'harness' } },
  ],
});
