/**
 * Every property test (fast-check) keeps what it takes to replay a failure: the seed, the path
 * of the shrunk counterexample and the counterexample itself are in the error message and are
 * appended to test-results/fast-check-failures.jsonl, one line per failure, with the test's name —
 * so a failure seen once in a long run is not lost with the console output.
 *
 * Replay: `ONEWINDOW_FC_SEED=<seed> npx vitest run <file> -t '<test name>'` runs the property from
 * that seed (add `ONEWINDOW_FC_PATH=<path>` where a test passes `replayPath()` to go straight to
 * the counterexample). `ONEWINDOW_FC_RUNS=<n>` lets a test that reads it (fcRuns) run longer.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';

export const FAILURES_FILE = 'test-results/fast-check-failures.jsonl';

const seed = process.env.ONEWINDOW_FC_SEED;

fc.configureGlobal({
  ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
  reporter(details) {
    if (!details.failed) return;
    const { currentTestName, testPath } = expect.getState();
    const line = {
      test: currentTestName,
      file: testPath,
      seed: details.seed,
      path: details.counterexamplePath,
      numRuns: details.numRuns,
      counterexample: details.counterexample === null ? null : fc.stringify(details.counterexample).slice(0, 4_000),
      error: String(details.errorInstance ?? '').slice(0, 2_000),
    };
    try {
      mkdirSync('test-results', { recursive: true });
      appendFileSync(FAILURES_FILE, `${JSON.stringify(line)}\n`);
    } catch {
      // a read-only tree still gets the seed and path in the error message below
    }
    throw new Error(fc.defaultReportMessage(details), { cause: details.errorInstance });
  },
});
