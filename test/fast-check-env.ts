/** Knobs for hunting a rare property failure (see fast-check-setup.ts). */

/** `n` runs, or ONEWINDOW_FC_RUNS when set. */
export function fcRuns(n: number): number {
  const v = Number(process.env.ONEWINDOW_FC_RUNS);
  return Number.isInteger(v) && v > 0 ? v : n;
}

/** The counterexample path to replay (ONEWINDOW_FC_PATH, with ONEWINDOW_FC_SEED), or nothing. */
export function replayPath(): { path?: string } {
  const p = process.env.ONEWINDOW_FC_PATH;
  return p ? { path: p } : {};
}
