/**
 * Housekeeping for the embedded database. PGlite runs PostgreSQL in single-user mode, where
 * autovacuum never runs: dispatches (rewritten at claim and at decision), status events
 * (numbered at pull) and the request audit would pile up dead rows and stale planner
 * statistics for as long as the service runs. So, every `intervalMs` in which requests
 * came in, the service runs `VACUUM (ANALYZE)` itself.
 *
 * On PGlite that runs in the service's one thread: requests arriving meanwhile wait for it
 * (≈ 0.5 s after 20,000 cases and 10,000 decisions; VACUUM skips pages with nothing new to
 * clean, so later rounds cost less). PostgreSQL has autovacuum: nothing to do there.
 */
import type { Db } from './db';

/** Default round: every 15 minutes with requests in them (ONEWINDOW_VACUUM_MINUTES, 0 = never). */
export const DEFAULT_VACUUM_INTERVAL_MS = 15 * 60_000;

export interface Maintenance {
  /** A request came in (called for every API request: each one writes at least its audit row). */
  noteWrite(): void;
  /** One round now, when something was written since the last one. True when it vacuumed. */
  runNow(): Promise<boolean>;
  stop(): void;
}

export interface MaintenanceOptions {
  intervalMs: number;
  /** Told when a round fails (never thrown: housekeeping must not take the service down). */
  onError?: (e: unknown) => void;
}

const NOTHING: Maintenance = { noteWrite: () => undefined, runNow: async () => false, stop: () => undefined };

export function startMaintenance(db: Db, options: MaintenanceOptions): Maintenance {
  if (db.kind !== 'pglite' || !(options.intervalMs > 0)) return NOTHING;
  let written = false;
  let running: Promise<boolean> | null = null;
  const runNow = (): Promise<boolean> => {
    if (running) return running;
    if (!written) return Promise.resolve(false);
    written = false;
    running = db
      .query('VACUUM (ANALYZE)')
      .then(() => true)
      .catch((e: unknown) => {
        written = true; // try again next round
        options.onError?.(e);
        return false;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runNow(), options.intervalMs);
  timer.unref?.();
  return {
    noteWrite: () => {
      written = true;
    },
    runNow,
    stop: () => clearInterval(timer),
  };
}

/** ONEWINDOW_VACUUM_MINUTES → ms (unset: the default; 0: never). */
export function vacuumIntervalFromEnv(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return DEFAULT_VACUUM_INTERVAL_MS;
  const minutes = Number(v);
  if (!Number.isFinite(minutes) || minutes < 0) throw new Error('ONEWINDOW_VACUUM_MINUTES is a number of minutes (0 = never)');
  return minutes * 60_000;
}
