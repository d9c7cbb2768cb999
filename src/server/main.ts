/**
 * `npm run server`: the department-queue service on 127.0.0.1:8787 (HOST, PORT).
 * Storage: DATABASE_URL=postgres://… or a PGlite directory (ONEWINDOW_DATA_DIR, default
 * .data/pglite) — no setup needed. Migrations are applied at start.
 *
 * Other settings: ONEWINDOW_RATE_LIMIT=<requests>/<seconds>[,<failed>/<seconds>] per client
 * address, or "off" (default 1200/60,30/300 — see rateLimit.ts),
 * ONEWINDOW_CORS_ORIGINS=<origin>,<origin> (besides app://onewindow and loopback),
 * ONEWINDOW_LOG=0 to silence the request log, ONEWINDOW_VACUUM_MINUTES (PGlite: VACUUM
 * (ANALYZE) this often when requests came in; default 15, 0 = never — see maintenance.ts).
 * Pages of materials: ONEWINDOW_PAGES_* (pages/storage.ts, pagesConfigFromEnv).
 */
import { openDbFromEnv } from './db';
import { buildServer } from './app';
import { migrate } from './migrate';
import { vacuumIntervalFromEnv } from './maintenance';
import { parseRateLimit } from './rateLimit';
import { pagesConfigFromEnv } from './pages/storage';

async function main(): Promise<void> {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 8787);
  const db = await openDbFromEnv();
  const m = await migrate(db);
  const pages = pagesConfigFromEnv();
  const app = await buildServer({
    db,
    logger: process.env.ONEWINDOW_LOG !== '0',
    rateLimit: parseRateLimit(process.env.ONEWINDOW_RATE_LIMIT),
    vacuumIntervalMs: vacuumIntervalFromEnv(process.env.ONEWINDOW_VACUUM_MINUTES),
    pages,
    corsOrigins: (process.env.ONEWINDOW_CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  });
  if (m.applied.length > 0) app.log.info(`migrations applied: ${m.applied.join(', ')}`);
  app.log.info(`database: ${db.kind} (${db.where}), migration ${m.version}`);
  app.log.info(`pages: ${pages.objects.kind} (${pages.objects.where}), staging in ${pages.stagingDir}`);

  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    try {
      await app.close();
    } finally {
      await db.close();
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // PORT=0 takes a free port: the line below names the one taken (tests and benchmarks read it).
  const address = await app.listen({ host, port });
  console.log(`OneWindow department-queue service: ${address}  (inbox: ${address}/inbox, db: ${db.kind})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
