/**
 * A page upload survives the service process being killed mid-upload: `src/server/main.ts` runs
 * as its own process (page store from ONEWINDOW_PAGES_DIR), tus-js-client sends a 3 MB page in
 * 512 KB chunks, the process is SIGKILLed while a chunk is in flight, a new process starts on
 * the same data and page directories (another port), the upload's offset is what reached the
 * disk, and the same upload resumes from there to a page whose bytes read back whole. On
 * PGlite (a data directory) and on PostgreSQL (a scratch database).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCentre, createWorkstation } from '../../src/server/adminCommands';
import { type Db, openPglite, openPostgres } from '../../src/server/db';
import { migrate } from '../../src/server/migrate';
import { PG_URL } from './helpers';
import { fakeJpeg, tusUpload } from './pageHarness';
import { createScratchDatabase, probePostgres, type ScratchDatabase, type ServerProcess, startServerProcess } from './serverProcess';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pgProblem = await probePostgres(PG_URL);

for (const backend of ['pglite', 'postgres'] as const)
  describe.skipIf(backend === 'postgres' && pgProblem !== null)(`page upload across a service restart — ${backend}${backend === 'postgres' && pgProblem ? ` (SKIPPED: ${pgProblem})` : ''}`, () => {
    const root = mkdtempSync(join(tmpdir(), 'ow-pages-restart-'));
    const dataDir = join(root, 'pglite');
    let scratch: ScratchDatabase | null = null;
    let server: ServerProcess | null = null;

    afterAll(async () => {
      await server?.kill();
      await scratch?.drop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    });

    const start = () =>
      startServerProcess({ ...(backend === 'pglite' ? { dataDir } : { databaseUrl: scratch!.url }), env: { ONEWINDOW_PAGES_DIR: join(root, 'pages') }, startTimeoutMs: 120_000 });

    it('resumes from what reached the disk after a SIGKILL, and the page is whole', async () => {
      let db: Db;
      if (backend === 'postgres') {
        scratch = await createScratchDatabase(PG_URL);
        db = await openPostgres({ url: scratch.url, max: 2 });
      } else db = await openPglite({ dataDir });
      await migrate(db);
      await createCentre(db, '330106', '西湖区政务服务中心');
      const ws = await createWorkstation(db, '330106', '7K');
      await db.close();

      const bytes = fakeJpeg(3 * 1024 * 1024);
      const meta = { sha256: sha(bytes), caseId: crypto.randomUUID(), mime: 'image/jpeg' };
      server = await start();
      const first = server;
      let url = '';
      let killing: Promise<void> | null = null;
      const cut = await tusUpload(first.url, ws.token, bytes, meta, {
        chunkSize: 512 * 1024,
        withCreation: false,
        onProgress: (u, sent) => {
          url = u.url ?? url;
          // past the first chunk, in the middle of the second
          if (sent > 700 * 1024 && !killing) killing = first.kill();
        },
      }).then(
        () => 'finished',
        () => 'cut',
      );
      await killing;
      expect(cut).toBe('cut');
      expect(url).toMatch(/\/api\/v1\/pages\/uploads\/[0-9a-f]{32}$/);
      const path = new URL(url).pathname;

      server = await start();
      const head = await fetch(`${server.url}${path}`, { method: 'HEAD', headers: { Authorization: `Bearer ${ws.token}`, 'Tus-Resumable': '1.0.0' } });
      expect(head.status).toBe(200);
      const offset = Number(head.headers.get('upload-offset'));
      expect(offset).toBeGreaterThanOrEqual(512 * 1024); // the first chunk is on disk
      expect(offset).toBeLessThan(bytes.length);

      await tusUpload(server.url, ws.token, bytes, meta, { uploadUrl: `${server.url}${path}`, chunkSize: 512 * 1024, withCreation: false });
      const back = await fetch(`${server.url}/api/v1/pages/${sha(bytes)}`, { headers: { Authorization: `Bearer ${ws.token}` } });
      expect(back.status).toBe(200);
      expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);
      await server.stop();
      server = null;
    }, 300_000);
  });
