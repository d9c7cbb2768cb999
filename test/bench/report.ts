/** Shared shape of what a `*.bench.ts` module's `run…Bench()` returns, and its printing. */

export interface BenchFigure {
  label: string;
  value: number | string;
  unit?: string;
}

export interface BenchCheck {
  label: string;
  /** e.g. "≤ 2 ms" */
  target: string;
  /** the measured value, formatted */
  value: string;
  pass: boolean;
}

export interface BenchResult {
  name: string;
  figures: BenchFigure[];
  checks: BenchCheck[];
  pass: boolean;
}

export type BenchLog = (line: string) => void;

export interface BenchOptions {
  /** progress lines while running (default: none) */
  log?: BenchLog;
}

export function fmt(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(1);
  return n.toFixed(digits);
}

export function formatBenchResult(r: BenchResult): string {
  const lines: string[] = [];
  lines.push(`== ${r.name} ==`);
  const w = Math.max(...r.figures.map((f) => f.label.length), 10);
  for (const f of r.figures) {
    const v = typeof f.value === 'number' ? fmt(f.value) : f.value;
    lines.push(`  ${f.label.padEnd(w)}  ${v}${f.unit ? ` ${f.unit}` : ''}`);
  }
  if (r.checks.length) {
    lines.push('  targets:');
    for (const c of r.checks) lines.push(`    [${c.pass ? 'PASS' : 'FAIL'}] ${c.label}: ${c.value} (target ${c.target})`);
  }
  lines.push(`  => ${r.pass ? 'PASS' : 'FAIL'}`);
  return lines.join('\n');
}

/** Percentile (nearest-rank) of an ascending-sorted array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}
