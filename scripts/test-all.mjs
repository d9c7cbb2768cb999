#!/usr/bin/env node
// Runs every check — lint (ESLint, incl. the import rules that keep the layers
// acyclic), types (tsc), unit + server suites (vitest), end-to-end (Playwright)
// — and prints one closing line that totals them: "N passed, N failed, N skipped".
// Lint and types count as one test each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let problems = 0;

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, CI: '1', ...env } });
  return r.status ?? 1;
}

// lint and types: vitest strips types without checking them, so a type error would land unseen
for (const [name, args] of [['lint (ESLint)', ['eslint', '.', '--max-warnings', '0']], ['types (tsc)', ['tsc', '--noEmit', '-p', 'tsconfig.json']]]) {
  if (run(name, 'npx', args) === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    console.log(`!! ${name} failed`);
  }
}

// vitest
rmSync('test-results/vitest.json', { force: true });
const vStatus = run('unit + server (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // a suite that failed to load has no tests but is a failure
  if (vStatus !== 0 && v.numFailedTests === 0) { totals.failed += Math.max(1, v.numFailedTestSuites ?? 0); }
} else {
  problems++;
}

// Playwright
rmSync('test-results/e2e.json', { force: true });
const pStatus = run('end-to-end (Playwright, Chromium)', 'npx', ['playwright', 'test']);
if (existsSync('test-results/e2e.json')) {
  const p = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
  const s = p.stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  if (pStatus !== 0 && !(s.unexpected > 0)) totals.failed += 1; // e.g. the web server did not start
} else {
  problems++;
}

totals.failed += problems;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
