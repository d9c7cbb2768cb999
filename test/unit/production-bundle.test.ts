/**
 * The benchmark hooks (`?bench=1`: synthetic cases, clearCases, a sign-in without password) must
 * not be in a production bundle: `npm run build:web` without ONEWINDOW_BENCH_HOOKS=1 leaves no
 * trace of them, and the same build with the flag (the bench's and Playwright's) has them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'onewindow-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function build(flag: boolean): string {
  const out = join(tmp, flag ? 'bench' : 'prod');
  const env = { ...process.env };
  delete env.ONEWINDOW_BENCH_HOOKS;
  if (flag) env.ONEWINDOW_BENCH_HOOKS = '1';
  const r = spawnSync('npm', ['run', 'build:web', '--', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  return readdirSync(join(out, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `${f}\n${readFileSync(join(out, 'assets', f), 'utf8')}`)
    .join('\n');
}

const MARKS = ['__oneWindowBench', '__oneWindowQuality', 'bench-hooks', 'clearCases'];

describe('the production web bundle', () => {
  it('has no bench hook code; a build with ONEWINDOW_BENCH_HOOKS=1 has it', { timeout: 240_000 }, () => {
    const prod = build(false);
    for (const m of MARKS) expect(prod, m).not.toContain(m);
    const bench = build(true);
    expect(bench).toContain('__oneWindowBench');
    expect(bench).toContain('__oneWindowQuality');
  });
});
