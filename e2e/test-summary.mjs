// Prints one closing line for the whole `npm test` run, from the JSON reports Vitest and
// Playwright wrote: "Tests: N passed, N failed, N skipped". Exit code 1 if anything failed.
import { readFileSync } from 'node:fs';

const read = (file) => JSON.parse(readFileSync(new URL(`../test-results/${file}`, import.meta.url), 'utf8'));
const unit = read('vitest.json');
const e2e = read('playwright.json');

const passed = unit.numPassedTests + (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
const failed = unit.numFailedTests + (e2e.stats.unexpected ?? 0);
const skipped = unit.numPendingTests + unit.numTodoTests + (e2e.stats.skipped ?? 0);
console.log(`unit: ${unit.numPassedTests} passed, e2e: ${e2e.stats.expected ?? 0} passed, ${e2e.stats.skipped ?? 0} skipped (Electron-binary project)`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
