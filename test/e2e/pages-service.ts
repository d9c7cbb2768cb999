/**
 * The service for inbox-pages.spec.ts, as its own process (`tsx test/e2e/pages-service.ts <dir>`):
 * PGlite in memory with the fixture catalog, the directory page store under <dir>, one
 * workstation, the fixture departments and an officer of SCJG; pushes a case whose
 * 食品经营许可申请书 has the pages <dir>/page-*.jpg and uploads all but the last with tus (as the
 * workstation does). Prints one JSON line (url, tokens, case) and serves until it is killed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageRef } from '../../src/core/materials/page';
import { buildServer } from '../../src/server/app';
import { createCentre, createDepartment, createOfficer, createWorkstation } from '../../src/server/adminCommands';
import { openPglite } from '../../src/server/db';
import { migrate } from '../../src/server/migrate';
import { DirectoryObjectStore, PageKey } from '../../src/server/pages/storage';
import { publishCatalog } from '../../src/server/store';
import { makeIntakeCatalog } from '../fixtures/intake';
import { makeCase, pushed } from '../server/helpers';
import { tusUpload } from '../server/pageHarness';

const dir = process.argv[2]!;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const db = await openPglite();
await migrate(db);
await createCentre(db, '330106', '西湖区政务服务中心');
await publishCatalog(db, makeIntakeCatalog(), new Date());
const ws = await createWorkstation(db, '330106', '7K');
for (const [code, name] of [
  ['SCJG', '西湖区市场监督管理局'],
  ['WJJ', '西湖区卫生健康局'],
  ['YBJ', '西湖区医疗保障局'],
] as const)
  await createDepartment(db, code, name);
const officer = await createOfficer(db, 'SCJG', 'SC001', '王敏');
const app = await buildServer({
  db,
  rateLimit: false,
  pages: {
    objects: new DirectoryObjectStore(join(dir, 'objects')),
    stagingDir: join(dir, 'uploads'),
    key: PageKey.random(),
    limits: { maxFileBytes: 20 * 1024 * 1024, maxCaseBytes: 200 * 1024 * 1024 },
  },
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });

const jpegs = readdirSync(dir)
  .filter((f) => /^page-\d+\.jpg$/.test(f))
  .sort()
  .map((f) => readFileSync(join(dir, f)));
const ref = (b: Buffer): PageRef => ({
  sha256: sha(b),
  originalSha256: sha(b),
  mime: 'image/jpeg',
  bytes: b.length,
  width: 1240,
  height: 1754,
  source: 'camera',
  capturedAt: '2026-11-30T02:00:00.000Z',
  by: 'C0107',
});
const c = makeCase();
c.materialPages = { 'shared/application-form': jpegs.map(ref) };
const push = await app.inject({ method: 'POST', url: '/api/v1/cases/push', headers: { authorization: `Bearer ${ws.token}` }, payload: { cases: [pushed(c)] } });
if (push.json().results[0].outcome !== 'stored') throw new Error(push.body);
for (const b of jpegs.slice(0, -1)) await tusUpload(url, ws.token, b, { sha256: sha(b), caseId: c.id, mime: 'image/jpeg' });
const caseNumber = c.decision?.kind === 'accept' ? c.decision.caseNumber : '';
console.log(JSON.stringify({ url, workstationToken: ws.token, officer: { staffNo: 'SC001', password: officer.password }, caseId: c.id, caseNumber }));
