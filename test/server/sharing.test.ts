/**
 * Data sharing on the service, on PGlite and PostgreSQL: the licence registry (import good and
 * bad, all or nothing), look-ups (found, holder mismatch, not found, expiry on the date,
 * revocation at once), basic records, the look-up log (personal ids only masked or sealed),
 * documents (the looking-up workstation and departments with a dispatch only), the per-clerk
 * rate limit, training isolation, and a 办结 issuing a licence the next look-up fetches.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/sync/protocol';
import { LicenceLookupResponse, BasicRecordResponse, type RegistryImportInput } from '../../src/core/sharing/protocol';
import { makeIntakeCatalog, FOOD, IDS, USCCS } from '../fixtures/intake';
import { registryKeys } from '../../src/server/sharing/keys';
import { liveRegistry } from '../../src/server/sharing/registry';
import { importRegistry, importRegistryText, ImportError } from '../../src/server/sharing/import';
import { TRAINING_LICENCES, TRAINING_PERSONS } from '../../src/server/sharing/training';
import { publishCatalog, sha256Hex } from '../../src/server/store';
import { runAdmin } from '../../src/server/admin';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv, uuid } from './helpers';

const KEY = randomBytes(32);
const live = liveRegistry(registryKeys(KEY));
const PDF = Buffer.from('%PDF-1.4\n% a tiny licence document\n%%EOF\n');

const TYPES: RegistryImportInput['licenceTypes'] = [
  { code: 'business-licence', name: '营业执照', issuingDepartmentCode: 'SCJG', holderIdType: 'uscc' },
  { code: 'food-business-licence', name: '食品经营许可证', issuingDepartmentCode: 'SCJG', holderIdType: 'uscc' },
  { code: 'health-cert', name: '健康证明', issuingDepartmentCode: 'WJJ', holderIdType: 'residentId' },
];

function goodImport(): RegistryImportInput {
  return {
    licenceTypes: TYPES,
    licences: [
      {
        typeCode: 'business-licence',
        number: 'BL-0001',
        holderIdType: 'uscc',
        holderId: USCCS.hotelCompany,
        holderName: '杭州西湖示例酒店管理有限公司',
        issuer: '西湖区市场监督管理局',
        issuedOn: '2020-01-02',
        expiresOn: null,
        fields: { legalRepresentative: '张伟' },
        document: { mime: 'application/pdf', base64: PDF.toString('base64') },
      },
      {
        typeCode: 'health-cert',
        number: 'HC-0001',
        holderIdType: 'residentId',
        holderId: IDS.zhangWei,
        holderName: '张伟',
        issuer: '西湖区卫生健康局',
        issuedOn: '2025-12-01',
        expiresOn: '2026-11-30',
      },
    ],
    persons: [{ id: IDS.zhangWei, name: '张伟', address: '浙江省杭州市西湖区文三路 90 号' }],
    organisations: [{ uscc: USCCS.hotelCompany, name: '杭州西湖示例酒店管理有限公司', legalRepresentative: '张伟', address: '杭州市西湖区文二路 1 号', registrationStatus: '存续' }],
  };
}

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`data sharing — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend, { sharing: { key: KEY, lookupRate: { max: 8, windowMs: 60_000 } } });
      await importRegistry(env.db, live, goodImport(), env.clock.now());
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    let clerkSeq = 0;
    /** Each test its own clerk: the rate limit counts per clerk. */
    const lookup = async (o: Partial<Record<string, unknown>> = {}, token = env.ws.token) => {
      const body = {
        caseId: uuid(),
        clerkId: `C${String(++clerkSeq).padStart(4, '0')}`,
        typeCode: 'business-licence',
        holderIdType: 'uscc',
        holderId: USCCS.hotelCompany,
        holderName: '杭州西湖示例酒店管理有限公司',
        on: '2026-11-30',
        ...o,
      };
      const r = await call(env.app, 'POST', '/api/v1/sharing/licences/lookup', { token, body });
      return { status: r.status, json: r.json, body, headers: r.headers };
    };

    it('finds a licence by holder; its hash is the SHA-256 of its canonical JSON; the look-up is recorded without the plain id', async () => {
      const r = await lookup({ holderId: USCCS.hotelCompany.toLowerCase(), holderName: '杭州西湖示例酒店管理有限公司 ' });
      expect(r.status).toBe(200);
      const a = LicenceLookupResponse.parse(r.json);
      expect(a.outcome).toBe('found');
      expect(a.source).toBe('centre');
      expect(a.licence).toMatchObject({ typeName: '营业执照', number: 'BL-0001', status: 'valid', expiresOn: null, hasDocument: true, fields: { legalRepresentative: '张伟' } });
      const { hash, ...rest } = a.licence!;
      expect(hash).toBe(sha256Hex(canonicalJson(rest)));
      const rows = await env.db.query<Record<string, unknown>>('SELECT * FROM sharing_lookups WHERE lookup_id = $1::uuid', [a.lookupId]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ workstation_id: env.ws.id, clerk_id: r.body.clerkId, case_id: r.body.caseId, outcome: 'found', licence_number: 'BL-0001', status_at: 'valid' });
      expect(rows[0]!.holder_masked).toBe(`${USCCS.hotelCompany.slice(0, 4)}**********${USCCS.hotelCompany.slice(-4)}`);
      // No column of the log or the registry holds the id in plain text.
      for (const table of ['sharing_lookups', 'licences', 'persons', 'organisations']) {
        const dump = JSON.stringify(await env.db.query(`SELECT * FROM ${table}`), (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
        expect(dump).not.toContain(USCCS.hotelCompany);
        expect(dump).not.toContain(IDS.zhangWei);
      }
    });

    it('holder mismatch: the id matches, the name does not — no licence in the answer', async () => {
      const a = LicenceLookupResponse.parse((await lookup({ holderName: '另一家公司' })).json);
      expect(a.outcome).toBe('holderMismatch');
      expect(a.licence).toBeUndefined();
    });

    it('not found: no licence of this type for the holder', async () => {
      const a = LicenceLookupResponse.parse((await lookup({ typeCode: 'food-business-licence' })).json);
      expect(a.outcome).toBe('notFound');
      const unknownType = LicenceLookupResponse.parse((await lookup({ typeCode: 'no-such-type' })).json);
      expect(unknownType.outcome).toBe('notFound');
    });

    it('expiry is computed on the look-up date', async () => {
      const person = { typeCode: 'health-cert', holderIdType: 'residentId', holderId: IDS.zhangWei, holderName: '张伟' };
      expect(LicenceLookupResponse.parse((await lookup({ ...person, on: '2026-11-30' })).json).outcome).toBe('found');
      const later = LicenceLookupResponse.parse((await lookup({ ...person, on: '2026-12-01' })).json);
      expect(later.outcome).toBe('expired');
      expect(later.licence?.status).toBe('expired');
    });

    it('revocation by the issuing department takes effect at the next look-up; another department may not', async () => {
      const before = LicenceLookupResponse.parse((await lookup()).json);
      expect(before.outcome).toBe('found');
      const change = { typeCode: 'business-licence', number: 'BL-0001', status: 'revoked', reason: '吊销营业执照' };
      expect((await call(env.app, 'POST', '/api/v1/sharing/licences/status', { token: env.dept.WJJ, body: change })).status).toBe(403);
      const r = await call(env.app, 'POST', '/api/v1/sharing/licences/status', { token: env.dept.SCJG, body: change });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ status: 'revoked', previous: 'valid' });
      const after = LicenceLookupResponse.parse((await lookup()).json);
      expect(after.outcome).toBe('revoked');
      expect(after.licence?.hash).not.toBe(before.licence?.hash);
      await call(env.app, 'POST', '/api/v1/sharing/licences/status', { token: env.dept.SCJG, body: { ...change, status: 'valid', reason: '撤销吊销决定' } });
      expect(LicenceLookupResponse.parse((await lookup()).json).outcome).toBe('found');
    });

    it('basic records for 秒填: person and organisation, notFound otherwise, each recorded', async () => {
      const ask = async (kind: string, id: string) =>
        BasicRecordResponse.parse((await call(env.app, 'POST', '/api/v1/sharing/basic-records', { token: env.ws.token, body: { caseId: uuid(), clerkId: 'C9001', kind, id } })).json);
      expect(await ask('person', IDS.zhangWei)).toMatchObject({ outcome: 'found', kind: 'person', name: '张伟', address: '浙江省杭州市西湖区文三路 90 号' });
      expect(await ask('organisation', USCCS.hotelCompany)).toMatchObject({ outcome: 'found', legalRepresentative: '张伟', registrationStatus: '存续' });
      const none = await ask('person', IDS.wangFang);
      expect(none.outcome).toBe('notFound');
      const [row] = await env.db.query<{ kind: string; outcome: string; clerk_id: string }>('SELECT kind, outcome, clerk_id FROM sharing_lookups WHERE lookup_id = $1::uuid', [none.lookupId]);
      expect(row).toEqual({ kind: 'person', outcome: 'notFound', clerk_id: 'C9001' });
    });

    it('a bad import names every problem as path: reason and writes nothing', async () => {
      const count = async () => Number((await env.db.query<{ n: number }>('SELECT count(*) AS n FROM licences'))[0]!.n);
      const before = await count();
      const bad = goodImport();
      bad.licences = [
        { ...bad.licences![0]!, number: 'BL-NEW-1' }, // good on its own
        { ...bad.licences![1]!, number: 'HC-NEW-1', holderId: '330106199003071237' }, // wrong check character
        { ...bad.licences![1]!, number: 'HC-NEW-2', typeCode: 'nope' },
        { ...bad.licences![1]!, number: 'HC-NEW-3', issuedOn: '2026/01/01' },
      ];
      const e = await importRegistry(env.db, live, bad, env.clock.now()).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ImportError);
      expect((e as ImportError).errors).toEqual(['licences[3].issuedOn: expected YYYY-MM-DD']);
      bad.licences.pop();
      const e2 = (await importRegistry(env.db, live, bad, env.clock.now()).catch((x: unknown) => x)) as ImportError;
      expect(e2.errors).toEqual([
        'licences[1].holderId: not a valid resident ID number (GB 11643 check character)',
        'licences[2].typeCode: unknown licence type nope (not in the catalogs, the registry or this file)',
      ]);
      expect(await count()).toBe(before);
      const csv = 'typeCode,number,holderIdType,holderId,holderName,issuer,issuedOn,expiresOn,fields.grade\n' +
        `health-cert,HC-CSV-1,residentId,${IDS.wangFang},王芳,西湖区卫生健康局,2026-01-01,,A\n` +
        `health-cert,HC-CSV-2,residentId,123,李强,西湖区卫生健康局,2026-01-01,2027-01-01,\n`;
      const e3 = (await importRegistryText(env.db, live, csv, 'csv', env.clock.now(), 'licences').catch((x: unknown) => x)) as ImportError;
      expect(e3.errors).toEqual(['line 3.holderId: not a valid resident ID number (GB 11643 check character)']);
      expect(await count()).toBe(before);
      const ok = await importRegistryText(env.db, live, csv.split('\n').slice(0, 2).join('\n'), 'csv', env.clock.now(), 'licences');
      expect(ok.licences).toBe(1);
      expect(await count()).toBe(before + 1);
      const got = LicenceLookupResponse.parse((await lookup({ typeCode: 'health-cert', holderIdType: 'residentId', holderId: IDS.wangFang, holderName: '王芳' })).json);
      expect(got.licence).toMatchObject({ number: 'HC-CSV-1', expiresOn: null, fields: { grade: 'A' } });
    });

    it('the admin CLI: import-sharing (all or nothing, every problem printed) and licence-status', async () => {
      process.env.ONEWINDOW_SHARING_KEY = KEY.toString('base64');
      try {
        const dir = mkdtempSync(join(tmpdir(), 'ow-sharing-'));
        const good = join(dir, 'good.json');
        writeFileSync(good, JSON.stringify({ licences: [{ ...goodImport().licences![1]!, number: 'HC-CLI-1', holderId: IDS.liQiang, holderName: '李强' }] }));
        const out: string[] = [];
        expect(await runAdmin(env.db, ['import-sharing', good], (l) => out.push(l))).toBe(0);
        expect(out).toEqual(['imported: 0 licence types, 1 licences, 0 persons, 0 organisations']);
        const bad = join(dir, 'bad.csv');
        writeFileSync(bad, `id,name,address\n${IDS.wangFang},王芳,杭州\n12345,某人,杭州\n`);
        out.length = 0;
        expect(await runAdmin(env.db, ['import-sharing', bad, '--kind', 'persons'], (l) => out.push(l))).toBe(2);
        expect(out).toEqual(['nothing imported — 1 problem(s):', '  line 3.id: not a valid resident ID number (GB 11643 check character)']);
        const person = await call(env.app, 'POST', '/api/v1/sharing/basic-records', { token: env.ws.token, body: { caseId: uuid(), clerkId: 'C9201', kind: 'person', id: IDS.wangFang } });
        expect(person.json.outcome).toBe('notFound'); // the good line was not imported either
        out.length = 0;
        expect(await runAdmin(env.db, ['licence-status', 'health-cert', 'HC-CLI-1', 'cancelled', '持证人申请注销'], (l) => out.push(l))).toBe(0);
        expect(out).toEqual(['licence health-cert HC-CLI-1: valid → cancelled']);
        const a = LicenceLookupResponse.parse((await lookup({ typeCode: 'health-cert', holderIdType: 'residentId', holderId: IDS.liQiang, holderName: '李强', on: '2026-01-01' })).json);
        expect(a.outcome).toBe('cancelled');
      } finally {
        delete process.env.ONEWINDOW_SHARING_KEY;
      }
    });

    it('a department imports only its own licence types, and no basic records', async () => {
      const own = { licences: [{ ...goodImport().licences![0]!, number: 'BL-DEPT-1', holderId: USCCS.individualBusiness, holderName: '西湖区示例小吃店', document: undefined }] };
      expect((await call(env.app, 'POST', '/api/v1/sharing/import', { token: env.dept.SCJG, body: own })).json).toEqual({ licenceTypes: 0, licences: 1, persons: 0, organisations: 0 });
      const r = await call(env.app, 'POST', '/api/v1/sharing/import', { token: env.dept.WJJ, body: own });
      expect(r.status).toBe(403);
      expect(r.json.error.paths).toEqual(['licences[0].typeCode: licence type business-licence is issued by another department']);
      const bad = await call(env.app, 'POST', '/api/v1/sharing/import', { token: env.dept.SCJG, body: { licences: [{ ...own.licences[0], holderId: 'x' }] } });
      expect(bad.status).toBe(400);
      expect(bad.json.error.paths).toEqual(['licences[0].holderId: not a valid unified social credit code (GB 32100 check character)']);
    });

    it('the document: the workstation that looked it up, and a department with a dispatch for the case — recorded, private, no-store', async () => {
      const c = makeCase();
      const a = LicenceLookupResponse.parse((await lookup({ caseId: c.id })).json);
      const url = `/api/v1/sharing/lookups/${a.lookupId}/document`;
      const doc = await call(env.app, 'GET', url, { token: env.ws.token });
      expect(doc.status).toBe(200);
      expect(doc.headers['content-type']).toBe('application/pdf');
      expect(doc.headers['cache-control']).toBe('private, no-store');
      expect(doc.raw.rawPayload.equals(PDF)).toBe(true);
      expect((await call(env.app, 'GET', url, { token: env.ws2.token })).status).toBe(404);
      const deptUrl = `/api/v1/department/cases/${c.id}/licences/${a.lookupId}/document`;
      expect((await call(env.app, 'GET', deptUrl, { token: env.dept.SCJG })).status).toBe(404); // the case has not reached the service
      expect((await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } })).status).toBe(200);
      const d = await call(env.app, 'GET', deptUrl, { token: env.dept.SCJG });
      expect(d.status).toBe(200);
      expect(d.headers['cache-control']).toBe('private, no-store');
      expect((await call(env.app, 'GET', deptUrl, { token: env.dept.YBJ })).status).toBe(404); // no dispatch for YBJ
      const reads = await env.db.query<{ reader_kind: string; reader_id: string }>(
        'SELECT reader_kind, reader_id FROM sharing_document_reads WHERE lookup_id = $1::uuid ORDER BY id',
        [a.lookupId],
      );
      expect(reads).toEqual([
        { reader_kind: 'workstation', reader_id: env.ws.id },
        { reader_kind: 'department', reader_id: 'SCJG' },
      ]);
    });

    it('the look-up log: the centre’s look-ups, whether their case was pushed, filtered by clerk', async () => {
      const pushedCase = makeCase();
      await lookup({ caseId: pushedCase.id, clerkId: 'C7001' });
      await lookup({ clerkId: 'C7001' }); // its case never reaches the service
      await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(pushedCase)] } });
      const r = await call(env.app, 'GET', '/api/v1/sharing/lookups?clerkId=C7001', { token: env.ws.token });
      expect(r.status).toBe(200);
      expect(r.json.lookups.map((l: { casePushed: boolean; outcome: string }) => [l.casePushed, l.outcome])).toEqual([
        [true, 'found'],
        [false, 'found'],
      ]);
      expect(JSON.stringify(r.json)).not.toContain(USCCS.hotelCompany);
      const other = await call(env.app, 'GET', '/api/v1/sharing/lookups?clerkId=C7001', { token: env.wsOther.token });
      expect(other.json.lookups).toEqual([]); // another centre's log
    });

    it('the per-clerk look-up rate: past it 429 with Retry-After; another clerk is not held up', async () => {
      const body = { clerkId: 'C8001' };
      for (let i = 0; i < 8; i++) expect((await lookup(body)).status).toBe(200);
      const r = await lookup(body);
      expect(r.status).toBe(429);
      expect(r.json.error.code).toBe('rateLimited');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect((await lookup({ clerkId: 'C8002' })).status).toBe(200);
    });

    it('training look-ups read only the training registry, with fictional people', async () => {
      const t = TRAINING_LICENCES[0]!;
      const q = { typeCode: t.typeCode, holderIdType: t.holderIdType, holderId: t.holderId, holderName: t.holderName };
      const a = LicenceLookupResponse.parse((await lookup({ ...q, training: true })).json);
      expect(a).toMatchObject({ outcome: 'found', training: true, licence: { number: t.number } });
      // a PX-numbered case is training too, without the flag
      const px = LicenceLookupResponse.parse((await lookup({ ...q, caseNumber: '330106-261130-PX0001-3' })).json);
      expect(px.training).toBe(true);
      // the live registry does not know the fictional person; training does not know the live licence
      expect(LicenceLookupResponse.parse((await lookup(q)).json).outcome).toBe('notFound');
      expect(LicenceLookupResponse.parse((await lookup({ training: true })).json).outcome).toBe('notFound');
      const p = TRAINING_PERSONS[0]!;
      const rec = await call(env.app, 'POST', '/api/v1/sharing/basic-records', { token: env.ws.token, body: { caseId: uuid(), clerkId: 'C9101', kind: 'person', id: p.id, training: true } });
      expect(rec.json).toMatchObject({ outcome: 'found', name: p.name, training: true });
      const [n] = await env.db.query<{ n: number }>('SELECT count(*) AS n FROM sharing_lookups WHERE lookup_id = $1::uuid', [a.lookupId]);
      expect(Number(n!.n)).toBe(0);
    });

    it('a training look-up never touches the live tables (they are taken away meanwhile)', async () => {
      const liveTables = ['licences', 'licence_documents', 'persons', 'organisations', 'sharing_lookups', 'sharing_document_reads', 'platform_answers'];
      for (const t of liveTables) await env.db.exec(`ALTER TABLE ${t} RENAME TO gone_${t}`);
      try {
        const t = TRAINING_LICENCES[0]!;
        const r = await lookup({ typeCode: t.typeCode, holderIdType: t.holderIdType, holderId: t.holderId, holderName: t.holderName, training: true });
        expect(r.status).toBe(200);
        expect(r.json.outcome).toBe('found');
        const rec = await call(env.app, 'POST', '/api/v1/sharing/basic-records', { token: env.ws.token, body: { caseId: uuid(), clerkId: 'C9102', kind: 'person', id: TRAINING_PERSONS[1]!.id, training: true } });
        expect(rec.json.outcome).toBe('found');
        // … whereas a live look-up needs them
        expect((await lookup()).status).toBe(500);
      } finally {
        for (const t of liveTables) await env.db.exec(`ALTER TABLE gone_${t} RENAME TO ${t}`);
      }
    });

    it('a 办结 for an item whose result names a licence type issues it; the next look-up fetches it', async () => {
      const catalog = makeIntakeCatalog();
      catalog.version = '2026.11.9';
      catalog.licenceTypes = [{ code: 'food-operation-licence', name: '食品经营许可证（个人）', issuingDepartmentCode: 'SCJG', holderIdType: 'residentId' }];
      const food = catalog.items.find((i) => i.basicCode === FOOD)!;
      food.results = [{ ...food.results[0]!, licenceTypeCode: 'food-operation-licence' }];
      await publishCatalog(env.db, catalog, env.clock.now());
      const c = makeCase({ catalogVersion: '2026.11.9' });
      expect((await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } })).status).toBe(200);
      const q = await call(env.app, 'GET', '/api/v1/department/queue', { token: env.dept.SCJG });
      const d = q.json.dispatches.find((x: { caseId: string }) => x.caseId === c.id);
      const before = await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/licences`, { token: env.dept.SCJG });
      expect(before.json).toMatchObject({ willIssue: [{ basicCode: FOOD, typeCode: 'food-operation-licence', typeName: '食品经营许可证（个人）' }], issued: [] });
      await call(env.app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/claim`, { token: env.dept.SCJG });
      const dec = await call(env.app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/decision`, { token: env.dept.SCJG, body: { kind: 'approved', comment: '准予许可' } });
      expect(dec.status).toBe(200);
      const after = await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/licences`, { token: env.dept.SCJG });
      expect(after.json.issued).toHaveLength(1);
      expect(after.json.issued[0].number).toMatch(/^SCJG-2026-\d{6}$/);
      const a = LicenceLookupResponse.parse(
        (await lookup({ typeCode: 'food-operation-licence', holderIdType: 'residentId', holderId: IDS.zhangWei, holderName: '张伟', on: '2026-12-01' })).json,
      );
      expect(a.outcome).toBe('found');
      expect(a.licence).toMatchObject({ number: after.json.issued[0].number, issuer: '西湖区市场监督管理局', holderName: '张伟', issuedOn: '2026-11-30' });
      // the batch route (department systems) issues too
      const c2 = makeCase({ catalogVersion: '2026.11.9', subject: c.subject });
      await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c2)] } });
      const q2 = await call(env.app, 'GET', '/api/v1/department/queue', { token: env.dept.SCJG });
      const d2 = q2.json.dispatches.find((x: { caseId: string }) => x.caseId === c2.id);
      await call(env.app, 'POST', `/api/v1/department/dispatches/${d2.dispatchId}/claim`, { token: env.dept.SCJG });
      const batch = await call(env.app, 'POST', '/api/v1/department/decisions', { token: env.dept.SCJG, body: { decisions: [{ dispatchId: d2.dispatchId, decision: { kind: 'approved' } }] } });
      expect(batch.json.results[0].outcome).toBe('decided');
      const issued2 = await call(env.app, 'GET', `/api/v1/department/cases/${c2.id}/licences`, { token: env.dept.SCJG });
      expect(issued2.json.issued).toHaveLength(1);
      expect(issued2.json.issued[0].number).not.toBe(after.json.issued[0].number);
      // a second approval path (the service restarting) issues nothing twice
      const [n] = await env.db.query<{ n: number }>('SELECT count(*) AS n FROM licences WHERE issued_by_dispatch = $1', [d.dispatchId]);
      expect(Number(n!.n)).toBe(1);
    });
  });
}
