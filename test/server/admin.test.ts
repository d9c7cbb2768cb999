/**
 * Migrations (idempotent, recorded) and the admin CLI's functions, on PGlite and PostgreSQL;
 * the PGlite data-directory lock. The seeded demo runs a case end to end.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/core/intake/case';
import { makeCaseNumber } from '../../src/core/intake/caseNumber';
import { makeClerk, makeDraft, personApplicant } from '../fixtures/intake';
import { CatalogVersionsResponse, DecisionResponse, HolidaysResponse, PushResponse, QueueResponse, StatusEventsResponse } from '../../src/core/sync/protocol';
import {
  AdminError,
  createCentre,
  createDepartment,
  createWorkstation,
  DEFAULT_CATALOG_FILE,
  list,
  publishCatalogText,
  publishHolidaysText,
  revokeToken,
  rotateToken,
  seedDemo,
} from '../../src/server/adminCommands';
import { runAdmin, USAGE } from '../../src/server/admin';
import { buildServer, type OneWindowServer } from '../../src/server/app';
import { DataDirLockedError, openPglite } from '../../src/server/db';
import { loadMigrations, migrate, migrationVersion } from '../../src/server/migrate';
import { BACKENDS, call, openTestDb, pushed, type TestDb } from './helpers';

const defaultCatalogText = readFileSync(DEFAULT_CATALOG_FILE, 'utf8');

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`migrations and admin — ${name}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await openTestDb(backend);
    }, 60_000);
    afterAll(async () => {
      await t?.drop();
    });

    it('migrations apply once, in a transaction, and again find nothing to do', async () => {
      expect(await migrationVersion(t.db)).toBe(0);
      const first = await migrate(t.db);
      expect(first.applied).toEqual(loadMigrations().map((m) => m.name));
      expect(first.version).toBe(loadMigrations().length);
      const second = await migrate(t.db);
      expect(second).toEqual({ applied: [], version: first.version });
      expect(await migrationVersion(t.db)).toBe(first.version);
      const tables = (await t.db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map((r) => r.t);
      expect(tables).toEqual(
        expect.arrayContaining(['audit', 'cases', 'catalog_versions', 'centres', 'departments', 'dispatches', 'holiday_data', 'schema_migrations', 'status_events', 'workstations']),
      );
    });

    it('a failing migration leaves nothing behind', async () => {
      const bad = [...loadMigrations(), { version: 99, name: '099_broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' }];
      await expect(migrate(t.db, bad)).rejects.toThrow();
      expect(await migrationVersion(t.db)).toBe(loadMigrations().length);
      expect((await t.db.query(`SELECT to_regclass('half_done')::text AS t`))[0]).toEqual({ t: null });
    });

    it('centres and workstations: checked codes, no duplicates, the token shown once and stored hashed', async () => {
      await expect(createCentre(t.db, '33010', 'x')).rejects.toThrow(AdminError);
      await createCentre(t.db, '330106', '示例市民中心');
      await expect(createCentre(t.db, '330106', 'again')).rejects.toThrow(/already exists/);
      await expect(createWorkstation(t.db, '330106', 'OO')).rejects.toThrow(/2 symbols/);
      await expect(createWorkstation(t.db, '999999', '7K')).rejects.toThrow(/no centre/);
      const ws = await createWorkstation(t.db, '330106', '7k');
      expect(ws.id).toBe('330106-7K');
      expect(ws.token).toMatch(/^ow_ws_[A-Za-z0-9_-]{43}$/);
      await expect(createWorkstation(t.db, '330106', '7K')).rejects.toThrow(/already exists/);
      const stored = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM workstations WHERE id = $1', [ws.id]);
      expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await t.db.query('SELECT * FROM workstations'))).not.toContain(ws.token);
    });

    it('departments, revoke and rotate; a workstation may be named by its code', async () => {
      const d = await createDepartment(t.db, 'SCJGJ', '示例市市场监督管理局');
      expect(d.token).toMatch(/^ow_dp_/);
      await expect(createDepartment(t.db, 'SCJGJ', 'x')).rejects.toThrow(/already exists/);
      await expect(createDepartment(t.db, 'bad code!', 'x')).rejects.toThrow(AdminError);
      expect(await revokeToken(t.db, 'department', 'SCJGJ')).toEqual({ id: 'SCJGJ' });
      await expect(revokeToken(t.db, 'department', 'NOPE')).rejects.toThrow(/no department/);
      expect((await revokeToken(t.db, 'workstation', '7K')).id).toBe('330106-7K');
      const r = await rotateToken(t.db, 'workstation', '330106-7K');
      expect(r.token).toMatch(/^ow_ws_/);
      const l = await list(t.db);
      expect(l.workstations).toEqual([{ id: '330106-7K', centreCode: '330106', code: '7K', revoked: false }]);
      expect(l.departments).toEqual([{ code: 'SCJGJ', name: '示例市市场监督管理局', revoked: true }]);
    });

    it('publish-catalog checks the file (parseCatalogText); a version is immutable; the same file again is a no-op', async () => {
      await expect(publishCatalogText(t.db, '{"schemaVersion": 1')).rejects.toThrow(/error/);
      await expect(publishCatalogText(t.db, '{"schemaVersion": 1, "version": "x"}')).rejects.toThrow(AdminError);
      const first = await publishCatalogText(t.db, defaultCatalogText);
      expect(first).toMatchObject({ version: '2026.11.1', outcome: 'published' });
      expect((await publishCatalogText(t.db, defaultCatalogText)).outcome).toBe('unchanged');
      const changed = JSON.parse(defaultCatalogText);
      changed.publisher = '别的发布单位';
      await expect(publishCatalogText(t.db, JSON.stringify(changed))).rejects.toThrow(/already published/);
    });

    it('publish-holidays checks the file (parseHolidayDataText); republishing a year replaces it', async () => {
      await expect(publishHolidaysText(t.db, '{"schemaVersion": 1, "years": []}')).rejects.toThrow(/invalid/);
      const file = { schemaVersion: 1, years: [{ year: 2027, holidays: ['2027-01-01'], makeupWorkdays: [] }] };
      expect(await publishHolidaysText(t.db, JSON.stringify(file))).toEqual({ years: [2027] });
      file.years[0]!.holidays.push('2027-10-01');
      await publishHolidaysText(t.db, JSON.stringify(file));
      const rows = await t.db.query<{ body: { holidays: string[] } }>('SELECT body FROM holiday_data WHERE year = 2027');
      expect(rows[0]!.body.holidays).toEqual(['2027-01-01', '2027-10-01']);
    });

    it('the CLI: usage, errors, and commands print what they did', async () => {
      const out: string[] = [];
      expect(await runAdmin(t.db, ['help'], (l) => out.push(l))).toBe(0);
      expect(out.join('\n')).toBe(USAGE);
      expect(await runAdmin(t.db, ['frobnicate'], (l) => out.push(l))).toBe(1);
      await expect(runAdmin(t.db, ['create-centre', '330102'], () => {})).rejects.toThrow(/usage/);
      const lines: string[] = [];
      expect(await runAdmin(t.db, ['create-centre', '330102', '上城区', '市民中心'], (l) => lines.push(l))).toBe(0);
      expect(await runAdmin(t.db, ['create-department', 'GAJ', '示例市公安局'], (l) => lines.push(l))).toBe(0);
      expect(await runAdmin(t.db, ['list'], (l) => lines.push(l))).toBe(0);
      const text = lines.join('\n');
      expect(text).toContain('centre 330102 上城区 市民中心 created');
      expect(text).toMatch(/token: ow_dp_/);
      expect(text).toContain('GAJ  示例市公安局');
      expect(text).toContain('catalog versions: 2026.11.1');
    });

    describe('seed-demo', () => {
      let app: OneWindowServer;
      afterAll(async () => {
        await app?.close();
      });

      it('sets up 330106 示例市民中心, workstation 7K, every department of the default catalog; runs a case end to end', async () => {
        const demo = await seedDemo(t.db);
        expect(demo.centre).toEqual({ code: '330106', name: '示例市民中心' });
        expect(demo.workstation).toMatchObject({ id: '330106-7K', code: '7K' });
        expect(demo.departments.map((d) => d.code)).toEqual(['SCJGJ', 'GAJ', 'RSJ', 'YBJ', 'BDCDJZX', 'MZJ', 'WJW', 'SWJ', 'GJJZX', 'JTYSJ', 'GSGS', 'GDGS', 'RQGS']);
        expect(demo.catalogVersion).toBe('2026.11.1');
        expect(demo.holidayYears).toEqual([2025, 2026]);
        // again: same setup, fresh tokens
        const again = await seedDemo(t.db);
        expect(again.workstation.token).not.toBe(demo.workstation.token);

        app = await buildServer({ db: t.db, rateLimit: false });
        const ws = again.workstation.token;
        const dept = (code: string) => again.departments.find((d) => d.code === code)!.token;
        expect(CatalogVersionsResponse.parse((await call(app, 'GET', '/api/v1/catalog/versions', { token: ws })).json).versions).toHaveLength(1);
        expect(HolidaysResponse.parse((await call(app, 'GET', '/api/v1/holidays', { token: ws })).json).data.years.map((y) => y.year)).toEqual([2025, 2026, 2027]); // 2027 from the test above

        // 有限责任公司设立登记 330001002000: SCJGJ, co-handled (联办) by GAJ and SWJ
        const n = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 1 });
        if (!n.ok) throw new Error(n.reason);
        const draft = makeDraft({
          id: crypto.randomUUID(),
          catalogVersion: '2026.11.1',
          subject: { kind: 'item', basicCode: '330001002000', handlingItemCodes: [] },
          clerk: makeClerk({ centreCode: '330106', centreName: '示例市民中心' }),
          applicant: personApplicant(),
          agent: null,
        });
        const c = recordDecision(draft, {
          kind: 'accept',
          at: '2026-11-30T09:15:00+08:00',
          by: 'C0107',
          caseNumber: n.value,
          promisedDates: [{ basicCode: '330001002000', itemName: '有限责任公司设立登记', handlingItemCodes: [], limit: { kind: 'workingDays', days: 3 }, date: '2026-12-03', provisional: false }],
          received: [],
        });
        const push = PushResponse.parse((await call(app, 'POST', '/api/v1/cases/push', { token: ws, body: { cases: [pushed(c)] } })).json);
        expect(push.results[0]).toEqual({ caseId: c.id, outcome: 'stored', departments: ['SCJGJ', 'GAJ', 'SWJ'] });
        const q = QueueResponse.parse((await call(app, 'GET', '/api/v1/department/queue', { token: dept('GAJ') })).json);
        const d = q.dispatches.find((x) => x.caseId === c.id)!;
        expect((await call(app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/claim`, { token: dept('GAJ') })).status).toBe(200);
        const decided = await call(app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/decision`, { token: dept('GAJ'), body: { kind: 'approved' } });
        expect(DecisionResponse.parse(decided.json).event).toMatchObject({ kind: 'approved', departmentCode: 'GAJ', resultReady: true });
        const events = StatusEventsResponse.parse((await call(app, 'GET', '/api/v1/status-events', { token: ws })).json).events;
        expect(events.map((e) => [e.kind, e.departmentCode])).toEqual([
          ['received', null],
          ['dispatched', 'SCJGJ'],
          ['dispatched', 'GAJ'],
          ['dispatched', 'SWJ'],
          ['approved', 'GAJ'],
        ]);
        // the earlier tokens no longer work
        expect((await call(app, 'GET', '/api/v1/status-events', { token: demo.workstation.token })).status).toBe(401);
        // one officer per department, signed in with the password of the latest seed only
        expect(again.officers.map((o) => o.staffNo)).toEqual(again.departments.map((d) => `${d.code}01`));
        const o = again.officers.find((x) => x.departmentCode === 'SCJGJ')!;
        const signIn = (password: string) => call(app, 'POST', '/api/v1/officer/sign-in', { body: { staffNo: o.staffNo, password } });
        expect((await signIn(demo.officers.find((x) => x.departmentCode === 'SCJGJ')!.password)).status).toBe(401);
        expect((await signIn(o.password)).json.officer).toMatchObject({ departmentCode: 'SCJGJ', name: o.name });
      }, 120_000);
    });
  });
}

describe('PGlite data directory', () => {
  it('one process per directory: a second open is refused with a clear message, and the lock goes on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-pglite-'));
    try {
      const db = await openPglite({ dataDir: dir });
      await expect(openPglite({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
      await expect(openPglite({ dataDir: dir })).rejects.toThrow(/one process per directory/);
      await migrate(db);
      await db.close();
      const reopened = await openPglite({ dataDir: dir });
      expect(await migrationVersion(reopened)).toBe(loadMigrations().length);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
